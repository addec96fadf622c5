package dev.gatehouse.approval.webhook;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the webhook outbox every second: each due notification is claimed (so that of several
 * instances exactly one sends it), posted, and marked delivered, or retried after an exponentially
 * growing wait, or marked FAILED once the attempts are used up. Failures are recorded on the
 * notification ({@code /api/v1/approvals/notifications}); they never reach the data path, which
 * only ever writes the outbox row.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookDispatchJob {

  private static final Logger LOG = Logger.getLogger(WebhookDispatchJob.class.getName());
  private static final int BATCH = 50;

  @Inject WebhookOutbox outbox;

  @Inject WebhookSender sender;

  @Inject WebhookConfiguration config;

  private final AtomicBoolean running = new AtomicBoolean();

  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void drain() {
    Optional<URI> url = config.url();
    if (url.isEmpty() || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      Instant now = Instant.now();
      Duration lease = config.timeout().multipliedBy(3);
      for (WebhookNotification n : outbox.due(now, BATCH)) {
        if (outbox.claim(n, Instant.now().plus(lease))) {
          deliver(url.get(), n);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Webhook dispatch failed; retrying on the next run", e);
    } finally {
      running.set(false);
    }
  }

  private void deliver(URI url, WebhookNotification n) {
    WebhookSender.Outcome outcome = sender.send(url, n);
    if (outcome.delivered()) {
      outbox.recordDelivered(n.getId(), outcome.status(), Instant.now());
      return;
    }
    int failed = n.getAttempts() + 1;
    Instant next =
        failed >= config.maxAttempts() ? null : Instant.now().plus(config.backoffAfter(failed));
    outbox.recordFailed(n.getId(), outcome.status(), outcome.error(), next);
    LOG.log(
        Level.WARNING,
        "Webhook {0} ({1}) attempt {2} failed: {3}{4}",
        new Object[] {
          n.getId(), n.getEvent(), failed, outcome.error(), next == null ? "; giving up" : ""
        });
  }
}
