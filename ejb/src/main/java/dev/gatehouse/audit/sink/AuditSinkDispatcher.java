package dev.gatehouse.audit.sink;

import dev.gatehouse.audit.AuditService;
import dev.gatehouse.audit.SinkConfirmation;
import dev.gatehouse.audit.SinkConfirmations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drains the chained audit trail into the configured sinks: an EJB interval timer (every {@code
 * gatehouse.audit.sink.poll-ms}) hands each sink's {@link SinkLane} to the managed executor, so
 * delivery never runs on a request thread and a slow sink never holds up the other. Without a
 * configured sink no timer is created.
 *
 * <p>Bean-managed transactions: cursor reads and writes are short auto-committed statements; no
 * transaction is held across a delivery. Several instances may drain the same sink: the cursor only
 * moves forward, and a batch two instances both send arrives twice (at least once).
 *
 * <p>It tells retention what the configured sinks have confirmed ({@link SinkConfirmations}), so
 * the purge never deletes what a sink has not received.
 */
@Singleton
@Startup
@DependsOn("AuditWriter")
@LocalBean
@Local(SinkConfirmations.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AuditSinkDispatcher implements SinkConfirmations {

  private static final Logger LOG = Logger.getLogger(AuditSinkDispatcher.class.getName());

  @Resource(lookup = "jdbc/gatehouse")
  private DataSource dataSource;

  @Resource private TimerService timers;

  @Resource private ManagedExecutorService executor;

  @Inject AuditService audit;

  final List<SinkLane> lanes = new ArrayList<>();
  SinkCursors cursors;

  /** Retention, for the status: records older than this many days are past it; 0: off. */
  private int retentionDays;

  @PostConstruct
  void start() {
    Config config = ConfigProvider.getConfig();
    cursors = new SinkCursors(dataSource);
    retentionDays =
        config.getOptionalValue("gatehouse.audit.retention-days", Integer.class).orElse(0);
    long initial =
        config.getOptionalValue("gatehouse.audit.sink.retry-initial-ms", Long.class).orElse(1000L);
    long max =
        config.getOptionalValue("gatehouse.audit.sink.retry-max-ms", Long.class).orElse(60000L);
    int timeout =
        config.getOptionalValue("gatehouse.audit.sink.timeout-ms", Integer.class).orElse(10000);
    for (AuditSink sink : configuredSinks(config, timeout)) {
      lanes.add(new SinkLane(sink, cursors, new Backoff(initial, max)));
      LOG.info(() -> "Audit sink " + sink.name() + " delivers to " + sink.target());
    }
    if (!lanes.isEmpty()) {
      long poll =
          Math.max(
              100,
              config.getOptionalValue("gatehouse.audit.sink.poll-ms", Long.class).orElse(1000L));
      timers.createIntervalTimer(poll, poll, new TimerConfig("gatehouse-audit-sinks", false));
    }
  }

  private static List<AuditSink> configuredSinks(Config config, int timeout) {
    List<AuditSink> sinks = new ArrayList<>();
    config
        .getOptionalValue("gatehouse.audit.syslog.address", String.class)
        .filter(a -> !a.isBlank())
        .ifPresent(
            address -> {
              try {
                int colon = address.lastIndexOf(':');
                if (colon <= 0) {
                  throw new IllegalArgumentException("syslog address must be host:port");
                }
                sinks.add(
                    new SyslogTlsSink(
                        address.substring(0, colon).strip(),
                        Integer.parseInt(address.substring(colon + 1).strip()),
                        SinkTls.context(
                            config
                                .getOptionalValue("gatehouse.audit.syslog.ca-file", String.class)
                                .orElse(null)),
                        config
                            .getOptionalValue("gatehouse.audit.syslog.batch-size", Integer.class)
                            .orElse(100),
                        config
                            .getOptionalValue("gatehouse.audit.syslog.facility", Integer.class)
                            .orElse(13),
                        config
                            .getOptionalValue("gatehouse.audit.syslog.hostname", String.class)
                            .orElseGet(AuditSinkDispatcher::localHostName),
                        config
                            .getOptionalValue(
                                "gatehouse.audit.syslog.max-message-bytes", Integer.class)
                            .orElse(65536),
                        timeout));
              } catch (IOException | GeneralSecurityException | RuntimeException e) {
                sinks.add(new MisconfiguredSink("syslog", address, e));
              }
            });
    config
        .getOptionalValue("gatehouse.audit.https.url", String.class)
        .filter(u -> !u.isBlank())
        .ifPresent(
            url -> {
              try {
                sinks.add(
                    new HttpsPushSink(
                        URI.create(url.strip()),
                        SinkTls.context(
                            config
                                .getOptionalValue("gatehouse.audit.https.ca-file", String.class)
                                .orElse(null)),
                        config
                            .getOptionalValue("gatehouse.audit.https.auth-header", String.class)
                            .orElse(null),
                        config
                            .getOptionalValue("gatehouse.audit.https.batch-size", Integer.class)
                            .orElse(100),
                        config
                            .getOptionalValue("gatehouse.audit.https.max-post-bytes", Integer.class)
                            .orElse(4 * 1024 * 1024),
                        timeout));
              } catch (IOException | GeneralSecurityException | RuntimeException e) {
                sinks.add(new MisconfiguredSink("https", url, e));
              }
            });
    return sinks;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "-";
    }
  }

  @Timeout
  void poll() {
    for (SinkLane lane : lanes) {
      if (lane.claim()) {
        try {
          executor.execute(() -> lane.drain(audit));
        } catch (RejectedExecutionException e) {
          lane.drain(audit);
        }
      }
    }
  }

  /** Each configured sink's cursor, lag, last error and whether it holds retention back. */
  public List<SinkStatus> status() {
    List<SinkStatus> all = new ArrayList<>();
    Instant retentionCutoff =
        retentionDays > 0 ? Instant.now().minus(Duration.ofDays(retentionDays)) : null;
    try {
      long head = cursors.headSeq();
      for (SinkLane lane : lanes) {
        all.add(lane.status(head, audit, retentionCutoff));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the audit store cannot be read", e);
    }
    return all;
  }

  /** Only the sinks configured now: a sink removed from the configuration holds nothing back. */
  @Override
  public List<SinkConfirmation> confirmations() {
    List<SinkConfirmation> all = new ArrayList<>();
    try {
      for (SinkLane lane : lanes) {
        all.add(lane.confirmation(audit));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the audit sink cursors cannot be read", e);
    }
    return all;
  }

  @PreDestroy
  void stop() {
    lanes.forEach(lane -> lane.sink().close());
  }

  /** A sink whose configuration is wrong: it reports why at every attempt, in the status API. */
  private record MisconfiguredSink(String name, String target, Exception cause)
      implements AuditSink {

    MisconfiguredSink {
      LOG.log(Level.SEVERE, "Audit sink " + name + " is misconfigured", cause);
    }

    @Override
    public int batchSize() {
      return 1;
    }

    @Override
    public void deliver(List<dev.gatehouse.audit.AuditRecord> records) throws IOException {
      throw new IOException("misconfigured: " + cause.getMessage(), cause);
    }

    @Override
    public void deliverCheckpoints(List<dev.gatehouse.audit.ChainCheckpoint> checkpoints)
        throws IOException {
      throw new IOException("misconfigured: " + cause.getMessage(), cause);
    }

    @Override
    public void close() {}
  }
}
