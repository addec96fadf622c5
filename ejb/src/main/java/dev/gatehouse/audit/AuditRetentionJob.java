package dev.gatehouse.audit;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Purges audit records older than {@code gatehouse.audit.retention-days} (0, the default, keeps
 * everything), oldest first, in batches through the audit writer, so the purge is serialised with
 * chaining and the kept part of the chain still verifies from its new first record.
 *
 * <p>Export before purge: with sinks configured, it never goes past the lowest position every sink
 * has confirmed (records and checkpoints), and when a sink keeps records past retention that way it
 * says so in one WARNING per run (the sink status shows it too). When the sinks' positions cannot
 * be read, it purges nothing.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class AuditRetentionJob {

  private static final Logger LOG = Logger.getLogger(AuditRetentionJob.class.getName());

  /** At most this many batches per run, so one run never starves the writer for long. */
  private static final int MAX_BATCHES_PER_RUN = 100;

  @Inject AuditWriter writer;

  @Inject AuditService audit;

  @Inject SinkConfirmations sinks;

  @Inject
  @ConfigProperty(name = "gatehouse.audit.retention-days", defaultValue = "0")
  int retentionDays;

  @Inject
  @ConfigProperty(name = "gatehouse.audit.purge-batch", defaultValue = "1000")
  int purgeBatch;

  @Schedule(hour = "*", minute = "23", persistent = false)
  void purge() {
    if (retentionDays <= 0) {
      return;
    }
    purgeBefore(Instant.now().minus(Duration.ofDays(retentionDays)));
  }

  /** One run: purges what started before {@code cutoff} and every sink has confirmed. */
  void purgeBefore(Instant cutoff) {
    List<SinkConfirmation> confirmations;
    try {
      confirmations = sinks.confirmations();
    } catch (RuntimeException e) {
      // Not knowing what the sinks have is no licence to purge what they may not have.
      LOG.log(Level.WARNING, "Audit retention skipped: the sinks' cursors cannot be read", e);
      return;
    }
    long throughSeq =
        confirmations.stream()
            .mapToLong(SinkConfirmation::confirmedSeq)
            .min()
            .orElse(Long.MAX_VALUE);
    long total = 0;
    try {
      for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
        int deleted = writer.purgeBefore(cutoff, throughSeq, Math.max(1, purgeBatch));
        total += deleted;
        if (deleted == 0) {
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Audit retention purge failed; retried at the next run", e);
    }
    if (total > 0) {
      long purged = total;
      LOG.info(() -> "Purged " + purged + " audit record(s) started before " + cutoff);
    }
    warnIfHeldBack(cutoff, confirmations);
  }

  private void warnIfHeldBack(Instant cutoff, List<SinkConfirmation> confirmations) {
    List<String> holding = new ArrayList<>();
    try {
      for (SinkConfirmation sink : confirmations) {
        Instant oldestKept = audit.startedAfter(sink.confirmedSeq());
        if (oldestKept != null && oldestKept.isBefore(cutoff)) {
          holding.add(
              sink.sink()
                  + " (confirmed through seq "
                  + sink.confirmedSeq()
                  + ", holding records since "
                  + oldestKept
                  + ")");
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not tell which sinks hold the audit retention back", e);
      return;
    }
    if (!holding.isEmpty()) {
      LOG.warning(
          () ->
              "Audit retention held back: records started before "
                  + cutoff
                  + " are kept until every sink has confirmed them: "
                  + String.join(", ", holding));
    }
  }
}
