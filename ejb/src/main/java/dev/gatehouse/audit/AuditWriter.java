package dev.gatehouse.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns the audit trail's single {@link GroupCommitWriter} for this instance, started after the
 * schema migration. At start it marks every record still {@code STARTED} from before this start as
 * {@code INTERRUPTED} (and chains it): those requests were in flight when the previous run ended.
 *
 * <p>Bean-managed concurrency and transactions: callers only enqueue and wait; the writer thread
 * commits its own JDBC transactions, never inside a container transaction.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AuditWriter {

  private static final Logger LOG = Logger.getLogger(AuditWriter.class.getName());

  @Resource(lookup = "jdbc/gatehouse")
  private DataSource dataSource;

  @Resource private ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "gatehouse.audit.batch-max", defaultValue = "256")
  int batchMax;

  @Inject
  @ConfigProperty(name = "gatehouse.audit.queue-capacity", defaultValue = "10000")
  int queueCapacity;

  @Inject
  @ConfigProperty(name = "gatehouse.audit.write-timeout-ms", defaultValue = "5000")
  long writeTimeoutMillis;

  private GroupCommitWriter writer;

  @PostConstruct
  void start() {
    Instant startedAt = Instant.now();
    writer = new GroupCommitWriter(dataSource, batchMax, queueCapacity, writeTimeoutMillis);
    writer.start(threads);
    try {
      int interrupted = writer.interruptStartedBefore(startedAt);
      if (interrupted > 0) {
        LOG.warning(
            () -> interrupted + " audit record(s) left STARTED by the previous run: INTERRUPTED");
      }
    } catch (AuditUnavailable e) {
      // The store is down: requests are refused with 503 until it is back; the records stay
      // STARTED until the next start marks them.
      LOG.log(Level.SEVERE, "Could not mark interrupted audit records", e);
    }
  }

  @PreDestroy
  void stop() {
    writer.stop();
  }

  public void begin(AuditEntry entry) {
    writer.begin(entry);
  }

  public void complete(AuditEntry entry) {
    writer.complete(entry);
  }

  public void append(AuditEntry entry) {
    writer.append(entry);
  }

  public int purgeBefore(Instant cutoff, int limit) {
    return writer.purgeBefore(cutoff, limit);
  }
}
