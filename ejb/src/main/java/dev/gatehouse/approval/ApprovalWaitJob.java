package dev.gatehouse.approval;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every second, ends the {@code Prefer: wait} waits that ran out or whose approval was decided on
 * another instance ({@link ApprovalWaiters#poll}). An EJB timer rather than a periodic task of a
 * managed executor: a periodic task scheduled from inside a request keeps that request's context.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ApprovalWaitJob {

  private static final Logger LOG = Logger.getLogger(ApprovalWaitJob.class.getName());

  @Inject ApprovalWaiters waiters;

  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void poll() {
    try {
      waiters.poll();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Polling waited-for approvals failed; retrying in a second", e);
    }
  }
}
