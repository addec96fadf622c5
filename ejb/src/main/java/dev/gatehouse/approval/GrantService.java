package dev.gatehouse.approval;

import dev.gatehouse.admin.AdminEvent;
import dev.gatehouse.admin.AdminEventRepository;
import dev.gatehouse.approval.webhook.WebhookOutbox;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.GatewayRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, finds, revokes and expires time-boxed grants. Like {@link ApprovalService}, every change
 * is an {@link AdminEvent} naming the reviewer and queues a webhook notification, in the same
 * transaction. The same reviewer rules apply: no self-grants, the connection's reviewer groups.
 */
@ApplicationScoped
public class GrantService {

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Inject ApprovalConfiguration config;

  @Inject ApprovalService approvals;

  @Inject ConnectionDirectory connections;

  @Inject AdminEventRepository adminEvents;

  @Inject WebhookOutbox webhooks;

  /**
   * Grants {@code subject} the connection for {@code window}.
   *
   * @throws GatewayRefusal 400 {@code invalid_grant} (unknown connection, window not positive or
   *     above {@code gatehouse.approval.grant-max-seconds}), 403 {@code self_approval} or {@code
   *     reviewer_not_allowed}
   */
  @Transactional
  public ApprovalGrant create(
      String subject, String connection, Duration window, String reason, CallerIdentity reviewer) {
    if (subject == null || subject.isBlank()) {
      throw invalid("subject", "subject is required.");
    }
    if (connection == null || connections.find(connection).isEmpty()) {
      throw invalid("connection", "connection must name a registered connection.");
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw invalid("durationSeconds", "durationSeconds must be positive.");
    }
    if (window.compareTo(config.grantMax()) > 0) {
      throw invalid(
          "durationSeconds",
          "durationSeconds may be at most " + config.grantMax().toSeconds() + ".");
    }
    approvals.checkReviewer(connection, reviewer);
    ApprovalGrant grant =
        new ApprovalGrant(
            subject.strip(), connection, reason, reviewer.subject(), Instant.now(), window);
    em.persist(grant);
    record(reviewer, "GRANT", grant, null);
    webhooks.enqueue(
        "grant.created",
        grant.getId(),
        reviewer.subject()
            + " granted "
            + grant.getSubject()
            + " the connection "
            + connection
            + " until "
            + grant.getExpiresAt()
            + (grant.getReason() == null ? "" : " (" + grant.getReason() + ")"),
        "grants",
        ApprovalJson.of(grant));
    return grant;
  }

  /** Ends a grant now. */
  @Transactional
  public ApprovalGrant revoke(String grantId, String reason, CallerIdentity reviewer) {
    ApprovalGrant grant = em.find(ApprovalGrant.class, grantId, LockModeType.PESSIMISTIC_WRITE);
    if (grant == null) {
      throw GatewayRefusal.refused(404, "unknown_grant", "No grant has that id.");
    }
    approvals.checkReviewer(grant.getConnectionName(), reviewer);
    String before = ApprovalJson.of(grant).toString();
    grant.revoke(reviewer.subject(), reason, Instant.now());
    record(reviewer, "REVOKE_GRANT", grant, before);
    webhooks.enqueue(
        "grant.revoked",
        grant.getId(),
        reviewer.subject()
            + " revoked "
            + grant.getSubject()
            + "'s grant of "
            + grant.getConnectionName(),
        "grants",
        ApprovalJson.of(grant));
    return grant;
  }

  /**
   * The grant that lets this caller use this connection now, if any, counted as used. Read on the
   * data path only for requests that would otherwise be held.
   */
  @Transactional
  public Optional<ApprovalGrant> use(String subject, String connection) {
    Optional<ApprovalGrant> active =
        em
            .createNamedQuery("ApprovalGrant.active", ApprovalGrant.class)
            .setParameter("subject", subject)
            .setParameter("connection", connection)
            .setParameter("now", Instant.now())
            .setMaxResults(1)
            .getResultList()
            .stream()
            .findFirst();
    active.ifPresent(
        g ->
            em.createNamedQuery("ApprovalGrant.countUse")
                .setParameter("id", g.getId())
                .executeUpdate());
    return active;
  }

  /** Marks every active grant whose window ended as expired; returns how many. */
  @Transactional
  public int expireDue(Instant now) {
    return em.createNamedQuery("ApprovalGrant.expireDue").setParameter("now", now).executeUpdate();
  }

  /**
   * Reads run in a transaction too, like {@link #list}: a console request that decides and then
   * renders must not reuse a non-transactional entity manager, which Payara closes at the end of
   * any nested component invocation but keeps handing out for the rest of the request ("closed
   * EntityManager" seen in ConsoleIT).
   */
  @Transactional
  public ApprovalGrant find(String grantId) {
    return em.find(ApprovalGrant.class, grantId);
  }

  /** Grants, newest first, filtered by whichever arguments are not {@code null}. */
  @Transactional
  public List<ApprovalGrant> list(GrantState state, String connection, String subject, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT g FROM ApprovalGrant g WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (state == GrantState.ACTIVE) {
      // Active means still inside the window, whatever the sweep has written yet.
      jpql.append(" AND g.state = :state AND g.expiresAt > :now");
      params.put("state", state);
      params.put("now", Instant.now());
    } else if (state == GrantState.EXPIRED) {
      jpql.append(" AND (g.state = :state OR (g.state = :active AND g.expiresAt <= :now))");
      params.put("state", state);
      params.put("active", GrantState.ACTIVE);
      params.put("now", Instant.now());
    } else if (state != null) {
      jpql.append(" AND g.state = :state");
      params.put("state", state);
    }
    if (connection != null) {
      jpql.append(" AND g.connectionName = :connection");
      params.put("connection", connection);
    }
    if (subject != null) {
      jpql.append(" AND g.subject = :subject");
      params.put("subject", subject);
    }
    jpql.append(" ORDER BY g.createdAt DESC");
    TypedQuery<ApprovalGrant> query = em.createQuery(jpql.toString(), ApprovalGrant.class);
    params.forEach(query::setParameter);
    return query.setMaxResults(limit).getResultList();
  }

  private void record(CallerIdentity reviewer, String action, ApprovalGrant grant, String before) {
    adminEvents.record(
        new AdminEvent(
            reviewer.subject(),
            action,
            "GRANT",
            grant.getId(),
            before,
            ApprovalJson.of(grant).toString()));
  }

  private static GatewayRefusal invalid(String field, String detail) {
    return GatewayRefusal.refused(400, "invalid_grant", detail).ofField(field);
  }
}
