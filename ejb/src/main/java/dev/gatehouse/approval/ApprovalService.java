package dev.gatehouse.approval;

import dev.gatehouse.admin.AdminEvent;
import dev.gatehouse.admin.AdminEventRepository;
import dev.gatehouse.connection.SecretCipher;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.ProxyExchange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Holds, decides, releases and expires approvals. A CDI bean with {@code @Transactional} rather
 * than a stateless EJB so that a {@link GatewayRefusal} reaches the caller as itself (an EJB would
 * wrap it) while still rolling the transaction back.
 *
 * <p>Release is exactly-once by a conditional update ({@code APPROVED → USED} only while approved
 * and not past the deadline): of two concurrent resends, the database lets exactly one win.
 */
@ApplicationScoped
public class ApprovalService {

  private static final Logger LOG = Logger.getLogger(ApprovalService.class.getName());

  @PersistenceContext(unitName = "gatehouse")
  EntityManager em;

  @Inject SecretCipher cipher;

  @Inject ApprovalConfiguration config;

  @Inject AdminEventRepository events;

  /** Holds the exchange's request for a reviewer; returns the new pending approval. */
  @Transactional
  public Approval hold(ProxyExchange exchange, UpstreamTarget target, byte[] body, String why) {
    if (body.length > config.maxHeldBytes()) {
      throw GatewayRefusal.refused(
          413,
          "approval_request_too_large",
          "A request that needs approval may carry at most " + config.maxHeldBytes() + " bytes.");
    }
    Instant now = Instant.now();
    Approval approval =
        new Approval(
            exchange.caller().subject(),
            RequestFacts.of(exchange, body),
            why,
            now,
            config.pendingTtl(target.approval().pendingTtlSeconds()),
            config.approvedTtl(target.approval().approvedTtlSeconds()));
    HeldRequest held =
        new HeldRequest(
            exchange.method(), exchange.path(), exchange.rawQuery(), exchange.headers(), body);
    approval.holdSealed(cipher.seal(held.toJson(), approval.getId()), exchange.auditId());
    em.persist(approval);
    LOG.info(
        () ->
            "Held request "
                + approval.getId()
                + " of "
                + approval.getRequesterSubject()
                + " to "
                + approval.getConnectionName()
                + " for approval");
    return approval;
  }

  /**
   * Uses an approval for this exchange, once.
   *
   * @throws GatewayRefusal 404 {@code unknown_approval}, or whatever {@link Approval#checkRelease}
   *     finds, or 409 {@code approval_already_used} when a concurrent resend won
   */
  @Transactional
  public void release(String approvalId, ProxyExchange exchange, byte[] body) {
    Approval approval = em.find(Approval.class, approvalId);
    if (approval == null) {
      throw GatewayRefusal.refused(404, "unknown_approval", "No approval has that id.");
    }
    Instant now = Instant.now();
    approval.checkRelease(exchange.caller().subject(), RequestFacts.of(exchange, body), now);
    int updated =
        em.createNamedQuery("Approval.markUsed")
            .setParameter("now", now)
            .setParameter("auditId", exchange.auditId())
            .setParameter("id", approvalId)
            .executeUpdate();
    if (updated != 1) {
      throw GatewayRefusal.refused(409, "approval_already_used", "The approval was already used.");
    }
  }

  @Transactional
  public Approval approve(String approvalId, String reviewer) {
    Approval approval = locked(approvalId);
    approval.approve(reviewer, Instant.now());
    recordDecision(approval, "APPROVE", reviewer);
    return approval;
  }

  @Transactional
  public Approval deny(String approvalId, String reviewer, String reason) {
    Approval approval = locked(approvalId);
    approval.deny(reviewer, reason, Instant.now());
    recordDecision(approval, "DENY", reviewer);
    return approval;
  }

  /** Marks every approval whose deadline has passed as expired; returns how many. */
  @Transactional
  public int expireDue(Instant now) {
    return em.createNamedQuery("Approval.expireDue").setParameter("now", now).executeUpdate();
  }

  public Approval find(String approvalId) {
    return em.find(Approval.class, approvalId);
  }

  /** Opens an approval's held request (for reviewers; mask before showing it). */
  public HeldRequest heldRequest(Approval approval) {
    return HeldRequest.fromJson(cipher.open(approval.sealedRequest(), approval.getId()));
  }

  /** Approvals, newest first, filtered by whichever of the arguments are not {@code null}. */
  public List<Approval> list(ApprovalState state, String connection, String requester, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT a FROM Approval a WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (state != null) {
      jpql.append(" AND a.state = :state");
      params.put("state", state);
    }
    if (connection != null) {
      jpql.append(" AND a.connectionName = :connection");
      params.put("connection", connection);
    }
    if (requester != null) {
      jpql.append(" AND a.requesterSubject = :requester");
      params.put("requester", requester);
    }
    jpql.append(" ORDER BY a.createdAt DESC");
    TypedQuery<Approval> query = em.createQuery(jpql.toString(), Approval.class);
    params.forEach(query::setParameter);
    return query.setMaxResults(limit).getResultList();
  }

  private Approval locked(String approvalId) {
    Approval approval = em.find(Approval.class, approvalId, LockModeType.PESSIMISTIC_WRITE);
    if (approval == null) {
      throw GatewayRefusal.refused(404, "unknown_approval", "No approval has that id.");
    }
    return approval;
  }

  /** A reviewer's decision is an admin event, written with the decision (never the held body). */
  private void recordDecision(Approval approval, String action, String reviewer) {
    JsonObjectBuilder after =
        Json.createObjectBuilder()
            .add("approvalId", approval.getId())
            .add("state", approval.getState().name())
            .add("requester", approval.getRequesterSubject())
            .add("connection", approval.getConnectionName())
            .add("method", approval.getMethod())
            .add("path", approval.getPath());
    if (approval.getDecisionReason() != null) {
      after.add("reason", approval.getDecisionReason());
    }
    events.record(
        new AdminEvent(
            reviewer, action, "approval", approval.getId(), null, after.build().toString()));
  }
}
