package dev.gatehouse.audit;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Purges audit records older than {@code gatehouse.audit.retention-days} (0, the default, keeps
 * everything), oldest first, in batches through the audit writer, so the purge is serialised with
 * chaining and the kept part of the chain still verifies from its new first record.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class AuditRetentionJob {

  private static final Logger LOG = Logger.getLogger(AuditRetentionJob.class.getName());

  /** At most this many batches per run, so one run never starves the writer for long. */
  private static final int MAX_BATCHES_PER_RUN = 100;

  @Inject AuditWriter writer;

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
    Instant cutoff = Instant.now().minus(Duration.ofDays(retentionDays));
    long total = 0;
    try {
      for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
        int deleted = writer.purgeBefore(cutoff, Math.max(1, purgeBatch));
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
  }
}
