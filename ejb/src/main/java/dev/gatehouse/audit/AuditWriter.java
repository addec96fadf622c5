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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns the audit trail's single {@link GroupCommitWriter} for this instance, started after the
 * schema migration. At start it marks every record still {@code STARTED} from before this start as
 * {@code INTERRUPTED} (and chains it): those requests were in flight when the previous run ended.
 *
 * <p>Bean-managed concurrency and transactions: callers only enqueue and wait; the writer thread
 * commits its own JDBC transactions, never inside a container transaction.
 *
 * <p>Completions are finished off the caller's path ({@link #completeLater}): a small bounded pool
 * builds the completed record (transcripts, masked) and hands it to the writer without waiting for
 * the commit, so neither the masking of transcripts nor a second commit delays the end of the
 * caller's response. When that pool's queue is full, the caller's thread does the work itself
 * (back-pressure rather than an unbounded queue).
 *
 * <p>It also holds the chain keys ({@link ChainKeys}, read once at deployment: a key file that
 * cannot be read fails the deployment rather than chain records unkeyed), and at start, when the
 * newest record is not under the active key (the key was just configured or rotated), it chains a
 * record saying so: decision {@code ADMIN}, action {@code CHAIN_KEY}, path {@code /audit-chain/<key
 * id>}.
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

  @Inject
  @ConfigProperty(name = "gatehouse.audit.completion-threads", defaultValue = "2")
  int completionThreads;

  @Inject
  @ConfigProperty(name = "gatehouse.audit.checkpoint.records", defaultValue = "1000")
  long checkpointRecords;

  private ChainKeys keys;
  private GroupCommitWriter writer;
  private ThreadPoolExecutor completions;

  @PostConstruct
  void start() {
    Instant startedAt = Instant.now();
    keys = ChainKeys.fromConfig(ConfigProvider.getConfig());
    if (keys.activeId() != null) {
      LOG.info(
          () ->
              "Audit chain keyed: new records are sealed under chain key "
                  + keys.activeId()
                  + "; keys known for verification: "
                  + keys.ids());
    } else if (!keys.ids().isEmpty()) {
      LOG.warning(
          () ->
              "Audit chain: retired keys configured but no active key"
                  + " (gatehouse.audit.chain-key-file): new records are chained unkeyed");
    }
    writer =
        new GroupCommitWriter(
            dataSource,
            batchMax,
            queueCapacity,
            writeTimeoutMillis,
            GroupCommitWriter.instanceName(),
            keys,
            checkpointRecords);
    writer.start(threads);
    int poolSize = Math.max(1, completionThreads);
    completions =
        new ThreadPoolExecutor(
            poolSize,
            poolSize,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(Math.max(1, queueCapacity)),
            threads,
            new ThreadPoolExecutor.CallerRunsPolicy());
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
    announceKey(startedAt);
  }

  private void announceKey(Instant at) {
    if (keys.activeId() == null) {
      return;
    }
    try {
      if (writer.announceKey(ChainKeyChange.record(keys.activeId(), at))) {
        LOG.info(
            () -> "Audit chain key " + keys.activeId() + " is new here: recorded in the chain");
      }
    } catch (AuditUnavailable e) {
      // verification reports unkeyed_head until the first keyed record is written
      LOG.log(Level.SEVERE, "Could not record the audit chain key in the chain", e);
    }
  }

  @PreDestroy
  void stop() {
    completions.shutdown();
    try {
      completions.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.stop();
  }

  public void begin(AuditEntry entry) {
    writer.begin(entry);
  }

  /** Completes a started record and waits until its batch is committed. */
  public void complete(AuditEntry entry) {
    writer.complete(entry);
  }

  /**
   * Builds the completed record off the caller's thread and queues it for the next group commit,
   * without waiting for that commit. A failure is logged; the record then stays {@code STARTED} and
   * is shown as {@code INTERRUPTED} after the next start, exactly as if the instance had stopped
   * before completing it.
   */
  public void completeLater(String auditId, Supplier<AuditEntry> completed) {
    completions.execute(
        () -> {
          try {
            writer.completeLater(completed.get());
          } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Completing audit record " + auditId + " failed", e);
          }
        });
  }

  public void append(AuditEntry entry) {
    writer.append(entry);
  }

  /**
   * Deletes up to {@code limit} of the oldest records that started before {@code cutoff} and are at
   * or before {@code throughSeq} (what every sink has confirmed); returns how many.
   */
  public int purgeBefore(Instant cutoff, long throughSeq, int limit) {
    return writer.purgeBefore(cutoff, throughSeq, limit);
  }

  /** Takes a checkpoint of the head unless one was taken since {@code notSince}; see writer. */
  public int checkpoint(Instant notSince) {
    return writer.checkpoint(notSince);
  }

  /** The chain keys this instance seals and verifies with. */
  public ChainKeys chainKeys() {
    return keys;
  }
}
