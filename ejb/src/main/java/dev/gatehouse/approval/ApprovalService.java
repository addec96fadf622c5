package dev.gatehouse.approval;

import dev.gatehouse.admin.AdminEvent;
import dev.gatehouse.admin.AdminEventRepository;
import dev.gatehouse.agent.ToolCallHold;
import dev.gatehouse.approval.webhook.WebhookOutbox;
import dev.gatehouse.connection.BackendConnection;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.ConnectionRepository;
import dev.gatehouse.connection.SecretCipher;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.TranscriptMasker;
import dev.gatehouse.platform.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Holds, decides, releases and expires approvals. A CDI bean with {@code @Transactional} rather
 * than a stateless EJB so that a {@link GatewayRefusal} reaches the caller as itself (an EJB would
 * wrap it) while still rolling the transaction back.
 *
 * <p>Every decision (each reviewer's vote, a denial, a revocation) is an {@link AdminEvent} naming
 * the reviewer, written in the same transaction, and queues a webhook notification.
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

  @Inject ConnectionDirectory connections;

  @Inject ConnectionRepository connectionRepository;

  @Inject AdminEventRepository adminEvents;

  @Inject WebhookOutbox webhooks;

  /** Masks the held path wherever it leaves the approval (admin events, webhook texts). */
  @Inject TranscriptMasker masker;

  @Inject Event<ApprovalDecided> decided;
  @Inject ApprovalFeed feed;

  /** Holds the exchange's request for a reviewer; returns the new pending approval. */
  @Transactional
  public Approval hold(ProxyExchange exchange, UpstreamTarget target, byte[] body, String why) {
    return hold(exchange, target, body, why, null, null);
  }

  private Approval hold(
      ProxyExchange exchange,
      UpstreamTarget target,
      byte[] body,
      String why,
      ToolCallHold tool,
      String toolDescription) {
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
            RequestFacts.of(exchange, target, body),
            why,
            now,
            config.pendingTtl(target.approval().pendingTtlSeconds()),
            config.approvedTtl(target.approval().approvedTtlSeconds()),
            approvalsRequired(exchange, target));
    HeldRequest held =
        new HeldRequest(
            exchange.method(), exchange.path(), exchange.rawQuery(), exchange.headers(), body);
    approval.holdSealed(cipher.seal(held.toJson(), approval.getId()), exchange.auditId());
    if (tool != null) {
      approval.bindToolCall(
          tool.call().name(),
          tool.call().argumentsSha256(),
          tool.ruleId(),
          tool.ruleVersion(),
          toolDescription);
    }
    em.persist(approval);
    jakarta.json.JsonObject payload = ApprovalJson.of(approval, masker);
    if (tool != null && tool.call().canonicalArguments() != null) {
      payload =
          Jsonp.PROVIDER
              .createObjectBuilder(payload)
              .add(
                  "toolCall",
                  ApprovalJson.toolCall(approval, masker.mask(tool.call().canonicalArguments())))
              .build();
    }
    webhooks.enqueue(
        "approval.requested",
        approval.getId(),
        approval.getRequesterSubject()
            + (tool == null
                ? " asks to "
                    + approval.getMethod()
                    + " "
                    + approval.getConnectionName()
                    + masker.maskRequestTarget(approval.getPath())
                : " asks to call the tool "
                    + tool.call().name()
                    + " on "
                    + approval.getConnectionName())
            + " ("
            + approval.getHeldReason()
            + "); needs "
            + approval.getApprovalsRequired()
            + " approval(s) by "
            + approval.getExpiresAt(),
        "approvals",
        payload);
    feed.publish(new ApprovalChanged(approval.getId(), ApprovalState.PENDING));
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
   * Holds one tool call for a reviewer: a pending approval like {@link #hold}, bound to the call's
   * tool, the digest of its canonical arguments and the rule that held it; the webhook carries the
   * tool, its description and the arguments, masked.
   */
  @Transactional
  public Approval holdToolCall(
      ProxyExchange exchange,
      UpstreamTarget target,
      byte[] body,
      String why,
      ToolCallHold hold,
      String toolDescription) {
    return hold(exchange, target, body, why, hold, toolDescription);
  }

  /**
   * The approval a repeated tool call is bound to: the same caller, connection, tool, canonical
   * arguments and rule version, still pending or approved and unexpired — the oldest first.
   */
  @Transactional
  public Optional<Approval> findToolCall(String caller, String connection, ToolCallHold hold) {
    return em
        .createNamedQuery("Approval.findToolCall", Approval.class)
        .setParameter("caller", caller)
        .setParameter("connection", connection)
        .setParameter("tool", hold.call().name())
        .setParameter("arguments", hold.call().argumentsSha256())
        .setParameter("ruleId", hold.ruleId())
        .setParameter("ruleVersion", hold.ruleVersion())
        .setParameter("states", List.of(ApprovalState.APPROVED, ApprovalState.PENDING))
        .setParameter("now", Instant.now())
        .getResultList()
        .stream()
        .min(
            java.util.Comparator.comparing(
                (Approval a) -> a.getState() == ApprovalState.APPROVED ? 0 : 1));
  }

  /**
   * Uses an approved tool-call approval for this exchange, once.
   *
   * @return whether this exchange used it (false: a concurrent call won, or it just expired)
   */
  @Transactional
  public boolean releaseToolCall(Approval approval, ProxyExchange exchange) {
    Instant now = Instant.now();
    int updated =
        em.createNamedQuery("Approval.markUsed")
            .setParameter("now", now)
            .setParameter("auditId", exchange.auditId())
            .setParameter("id", approval.getId())
            .executeUpdate();
    if (updated == 1) {
      feed.publish(new ApprovalChanged(approval.getId(), ApprovalState.USED));
    }
    return updated == 1;
  }

  /**
   * How many distinct reviewers a hold of this exchange needs: the connection's count (or the
   * configured default), or more if a rule further out asked for more.
   */
  public int approvalsRequired(ProxyExchange exchange, UpstreamTarget target) {
    return Math.max(
        config.approvalsRequired(target.approval().approvalsRequired()),
        exchange.approvalsRequired());
  }

  /**
   * Uses an approval for this exchange, once: only if it is the request that was held, headers
   * included; a refused resend leaves the approval as it was.
   *
   * @throws GatewayRefusal 404 {@code unknown_approval}, or whatever {@link Approval#checkRelease}
   *     finds, or 409 {@code approval_already_used} when a concurrent resend won
   */
  @Transactional
  public void release(
      String approvalId, ProxyExchange exchange, UpstreamTarget target, byte[] body) {
    Approval approval = em.find(Approval.class, approvalId);
    if (approval == null) {
      throw GatewayRefusal.refused(404, "unknown_approval", "No approval has that id.");
    }
    Instant now = Instant.now();
    approval.checkRelease(
        exchange.caller().subject(), RequestFacts.of(exchange, target, body), now);
    int updated =
        em.createNamedQuery("Approval.markUsed")
            .setParameter("now", now)
            .setParameter("auditId", exchange.auditId())
            .setParameter("id", approvalId)
            .executeUpdate();
    if (updated != 1) {
      throw GatewayRefusal.refused(409, "approval_already_used", "The approval was already used.");
    }
    feed.publish(new ApprovalChanged(approvalId, ApprovalState.USED));
  }

  /**
   * One reviewer approves. The approval is decided once as many distinct reviewers approved as it
   * requires.
   *
   * @throws GatewayRefusal 403 {@code reviewer_not_allowed} (not in the connection's reviewer
   *     groups), 409 {@code already_voted}, and whatever {@link Approval#approve} refuses
   */
  @Transactional
  public Approval approve(String approvalId, CallerIdentity reviewer) {
    Approval approval = locked(approvalId);
    String before = ApprovalJson.of(approval, masker).toString();
    checkReviewer(approval.getConnectionName(), reviewer);
    Instant now = Instant.now();
    // Only a live approval can be "already voted on"; a decided one answers as decided.
    if (approval.stateAt(now) == ApprovalState.PENDING
        && em.find(ApprovalVote.class, new ApprovalVote.Key(approvalId, reviewer.subject()))
            != null) {
      throw GatewayRefusal.refused(
          409, "already_voted", "This reviewer already approved; another reviewer must.");
    }
    boolean done = approval.approve(reviewer.subject(), now);
    em.persist(new ApprovalVote(approvalId, reviewer.subject(), "APPROVE", null, now));
    recordDecision(reviewer, done ? "APPROVE" : "APPROVE_VOTE", approval, before);
    if (done) {
      notifyDecided(approval, reviewer.subject() + " approved");
    }
    feed.publish(new ApprovalChanged(approvalId, approval.getState()));
    return approval;
  }

  /** A reviewer denies, with a reason; one denial decides. */
  @Transactional
  public Approval deny(String approvalId, CallerIdentity reviewer, String reason) {
    Approval approval = locked(approvalId);
    String before = ApprovalJson.of(approval, masker).toString();
    checkReviewer(approval.getConnectionName(), reviewer);
    Instant now = Instant.now();
    approval.deny(reviewer.subject(), reason, now);
    em.merge(new ApprovalVote(approvalId, reviewer.subject(), "DENY", reason.strip(), now));
    recordDecision(reviewer, "DENY", approval, before);
    notifyDecided(approval, reviewer.subject() + " denied: " + approval.getDecisionReason());
    feed.publish(new ApprovalChanged(approvalId, ApprovalState.DENIED));
    return approval;
  }

  /** A reviewer withdraws an approved, unused approval. */
  @Transactional
  public Approval revoke(String approvalId, CallerIdentity reviewer) {
    Approval approval = locked(approvalId);
    String before = ApprovalJson.of(approval, masker).toString();
    checkReviewer(approval.getConnectionName(), reviewer);
    approval.revoke(reviewer.subject(), Instant.now());
    recordDecision(reviewer, "REVOKE", approval, before);
    notifyDecided(approval, reviewer.subject() + " revoked the approval");
    feed.publish(new ApprovalChanged(approvalId, approval.getState()));
    return approval;
  }

  /** The votes cast on an approval, oldest first. */
  @Transactional
  public List<ApprovalVote> votes(String approvalId) {
    return em.createNamedQuery("ApprovalVote.ofApproval", ApprovalVote.class)
        .setParameter("approvalId", approvalId)
        .getResultList();
  }

  /**
   * Whether {@code reviewer} may review the connection's held requests — decide on them, grant the
   * connection, list and read them: the one place the connection's reviewer groups are applied
   * ({@link ReviewerAccess#admits}). The API and the console check the operator role before.
   */
  public boolean mayReview(String connection, CallerIdentity reviewer) {
    return ReviewerAccess.admits(reviewerGroups(connection), reviewer.groups());
  }

  private Set<String> reviewerGroups(String connection) {
    return connections.find(connection).map(t -> t.approval().reviewerGroups()).orElse(Set.of());
  }

  /**
   * Refuses a reviewer outside the connection's reviewer groups, when it names any.
   *
   * @throws GatewayRefusal 403 {@code reviewer_not_allowed}
   */
  void checkReviewer(String connection, CallerIdentity reviewer) {
    Set<String> groups = reviewerGroups(connection);
    if (!ReviewerAccess.admits(groups, reviewer.groups())) {
      throw GatewayRefusal.refused(
          403,
          "reviewer_not_allowed",
          "Only members of " + String.join(", ", groups) + " may review this connection.");
    }
  }

  private void recordDecision(
      CallerIdentity reviewer, String action, Approval approval, String before) {
    adminEvents.record(
        new AdminEvent(
            reviewer.subject(),
            action,
            "APPROVAL",
            approval.getId(),
            before,
            ApprovalJson.of(approval, masker).toString()));
  }

  private void notifyDecided(Approval approval, String what) {
    ApprovalState state = approval.getState();
    decided.fire(new ApprovalDecided(approval.getId(), state));
    webhooks.enqueue(
        "approval." + state.name().toLowerCase(Locale.ROOT),
        approval.getId(),
        what
            + " — "
            + approval.getRequesterSubject()
            + "'s "
            + approval.getMethod()
            + " "
            + approval.getConnectionName()
            + masker.maskRequestTarget(approval.getPath()),
        "approvals",
        ApprovalJson.of(approval, masker));
  }

  /** Marks every approval whose deadline has passed as expired; returns how many. */
  @Transactional
  public int expireDue(Instant now) {
    int expired =
        em.createNamedQuery("Approval.expireDue").setParameter("now", now).executeUpdate();
    if (expired > 0) {
      feed.publish(new ApprovalChanged(null, ApprovalState.EXPIRED));
    }
    return expired;
  }

  /**
   * Reads run in a transaction too, like {@link #list} (and votes): a console request that decides
   * and then renders must not reuse a non-transactional entity manager, which Payara closes at the
   * end of any nested component invocation but keeps handing out for the rest of the request
   * ("closed EntityManager" seen in ConsoleIT).
   */
  @Transactional
  public Approval find(String approvalId) {
    return em.find(Approval.class, approvalId);
  }

  /**
   * The approval, if {@code reader} may review its connection ({@link #mayReview}); {@code null}
   * when there is none or it is not theirs to see — the two are not told apart.
   */
  @Transactional
  public Approval findFor(String approvalId, CallerIdentity reader) {
    Approval approval = em.find(Approval.class, approvalId);
    return approval != null && mayReview(approval.getConnectionName(), reader) ? approval : null;
  }

  /** Opens an approval's held request (for reviewers; mask before showing it). */
  public HeldRequest heldRequest(Approval approval) {
    return HeldRequest.fromJson(cipher.open(approval.sealedRequest(), approval.getId()));
  }

  /**
   * The approvals {@code reader} may review ({@link #mayReview}), newest first, filtered by
   * whichever of the other arguments are not {@code null}: those of connections whose reviewer
   * groups exclude the reader are left out before the limit applies.
   */
  @Transactional
  public List<Approval> listFor(
      CallerIdentity reader, ApprovalState state, String connection, String requester, int limit) {
    Set<String> hidden = new HashSet<>();
    for (BackendConnection c : connectionRepository.findAll()) {
      if (!ReviewerAccess.admits(c.getApprovalReviewerGroups(), reader.groups())) {
        hidden.add(c.getName());
      }
    }
    // The query leaves out what the registry hides now; the filter is the same rule as deciding,
    // through the directory a decision reads.
    return query(state, connection, requester, hidden, limit).stream()
        .filter(a -> mayReview(a.getConnectionName(), reader))
        .toList();
  }

  /**
   * Approvals, newest first, filtered by whichever of the arguments are not {@code null}; for every
   * reviewer's eyes — a reviewer's view is {@link #listFor}.
   */
  @Transactional
  public List<Approval> list(ApprovalState state, String connection, String requester, int limit) {
    return query(state, connection, requester, Set.of(), limit);
  }

  private List<Approval> query(
      ApprovalState state, String connection, String requester, Set<String> hidden, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT a FROM Approval a WHERE 1 = 1");
    Map<String, Object> params = new LinkedHashMap<>();
    if (!hidden.isEmpty()) {
      jpql.append(" AND a.connectionName NOT IN :hidden");
      params.put("hidden", hidden);
    }
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
}
