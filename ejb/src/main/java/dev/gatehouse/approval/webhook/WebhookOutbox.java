package dev.gatehouse.approval.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbox of webhook notifications. {@link #enqueue} joins the transaction of the change it
 * reports, so a notification exists exactly when the change committed; delivery state is written in
 * short transactions of its own by {@link WebhookDispatchJob}.
 */
@ApplicationScoped
public class WebhookOutbox {

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Inject WebhookConfiguration config;

  /**
   * Queues a notification, unless no webhook is configured.
   *
   * @param event for example {@code approval.requested}
   * @param subjectId the approval's or grant's id
   * @param text the Slack-compatible one-line summary (the console link is appended)
   * @param kind {@code approvals} or {@code grants}: the console page
   * @param details the approval or grant as the API shows it
   */
  @Transactional(TxType.MANDATORY)
  public void enqueue(
      String event, String subjectId, String text, String kind, JsonObject details) {
    if (config.url().isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    String id = UUID.randomUUID().toString();
    String link = config.consoleLink(kind, subjectId);
    String payload =
        WebhookPayload.of(
            id, event, now, text + " <" + link + "|Open in the console>", link, kind, details);
    em.persist(new WebhookNotification(id, event, subjectId, payload, now));
  }

  /** Up to {@code limit} notifications due for an attempt. */
  @Transactional(TxType.REQUIRES_NEW)
  public List<WebhookNotification> due(Instant now, int limit) {
    return em.createNamedQuery("WebhookNotification.due", WebhookNotification.class)
        .setParameter("now", now)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Takes a due notification for one attempt, unless another instance (or an earlier run) took it:
   * its next attempt moves to {@code leaseUntil}, so should this instance die mid-delivery, the
   * notification is tried again after the lease.
   */
  @Transactional(TxType.REQUIRES_NEW)
  public boolean claim(WebhookNotification n, Instant leaseUntil) {
    return em.createNamedQuery("WebhookNotification.claim")
            .setParameter("leaseUntil", leaseUntil)
            .setParameter("id", n.getId())
            .setParameter("version", n.getVersion())
            .executeUpdate()
        == 1;
  }

  @Transactional(TxType.REQUIRES_NEW)
  public void recordDelivered(String id, int status, Instant now) {
    WebhookNotification n = em.find(WebhookNotification.class, id);
    if (n != null) {
      n.delivered(status, now);
    }
  }

  /** Records a failed attempt; {@code next} is when to retry, or {@code null} to give up. */
  @Transactional(TxType.REQUIRES_NEW)
  public void recordFailed(String id, Integer status, String error, Instant next) {
    WebhookNotification n = em.find(WebhookNotification.class, id);
    if (n != null) {
      n.failed(status, error, next);
    }
  }

  /** Notifications, newest first, optionally of one state and about one approval or grant. */
  public List<WebhookNotification> list(NotificationState state, String subjectId, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT n FROM WebhookNotification n WHERE 1 = 1");
    if (state != null) {
      jpql.append(" AND n.state = :state");
    }
    if (subjectId != null) {
      jpql.append(" AND n.subjectId = :subjectId");
    }
    jpql.append(" ORDER BY n.createdAt DESC");
    TypedQuery<WebhookNotification> q = em.createQuery(jpql.toString(), WebhookNotification.class);
    if (state != null) {
      q.setParameter("state", state);
    }
    if (subjectId != null) {
      q.setParameter("subjectId", subjectId);
    }
    return q.setMaxResults(limit).getResultList();
  }
}
