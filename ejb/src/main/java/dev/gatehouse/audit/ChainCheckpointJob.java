package dev.gatehouse.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes a checkpoint of the chain's head every {@code gatehouse.audit.checkpoint.interval-seconds}
 * (default 60; 0 turns the timed checkpoints off), so that a quiet trail is checkpointed too, not
 * only every N records. Every instance runs the timer, but the writer takes a checkpoint only when
 * the head moved since the last one and that one is older than the interval (less a tenth, for
 * timer jitter): with several instances there is still about one checkpoint per interval.
 */
@Singleton
@Startup
@DependsOn("AuditWriter")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ChainCheckpointJob {

  private static final Logger LOG = Logger.getLogger(ChainCheckpointJob.class.getName());

  @Resource private TimerService timers;

  @Inject AuditWriter writer;

  @Inject
  @ConfigProperty(name = "gatehouse.audit.checkpoint.interval-seconds", defaultValue = "60")
  long intervalSeconds;

  @PostConstruct
  void start() {
    if (intervalSeconds > 0) {
      long millis = intervalSeconds * 1000;
      timers.createIntervalTimer(
          millis, millis, new TimerConfig("gatehouse-audit-checkpoints", false));
    }
  }

  @Timeout
  void checkpoint() {
    long millis = intervalSeconds * 1000;
    try {
      writer.checkpoint(Instant.now().minusMillis(millis - millis / 10));
    } catch (AuditUnavailable e) {
      LOG.log(Level.WARNING, "No audit chain checkpoint this time; tried again at the next", e);
    }
  }
}
