package dev.gatehouse.approval;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Expires approvals whose deadline passed, and grants whose window ended, every five seconds. A
 * sweep over the approval table rather than one persistent timer per approval: the deadlines live
 * in the database, so a restart loses nothing (the first sweep after it catches up), and no second
 * datasource (Payara's timer pool) is involved. Release and status checks also read the deadline
 * themselves, so a resend is refused on time even between sweeps.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ApprovalExpiryJob {

  private static final Logger LOG = Logger.getLogger(ApprovalExpiryJob.class.getName());

  @Inject ApprovalService approvals;

  @Inject GrantService grants;

  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void expireDue() {
    try {
      Instant now = Instant.now();
      int expired = approvals.expireDue(now);
      if (expired > 0) {
        LOG.info(() -> "Expired " + expired + " approval(s)");
      }
      int ended = grants.expireDue(now);
      if (ended > 0) {
        LOG.info(() -> "Expired " + ended + " grant(s)");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Approval expiry sweep failed; retrying on the next run", e);
    }
  }
}
