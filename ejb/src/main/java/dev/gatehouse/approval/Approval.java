package dev.gatehouse.approval;

import dev.gatehouse.connection.SealedSecret;
import dev.gatehouse.exchange.GatewayRefusal;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One held request and its reviewer's decision. The request itself is kept only sealed (AES-GCM,
 * bound to this approval's id); in the clear are just the facts a release is matched on (caller,
 * connection, method, path, digests of query, body and end-to-end headers) and the decision trail.
 *
 * <p>Guarantees, enforced here and unit-tested: a decision needs a reviewer other than the
 * requester; a denial needs a reason; a deadline that has passed counts as expiry even before the
 * sweep writes it; a release matches every fact of the held request.
 */
@Entity
@Table(name = "approval")
@NamedQuery(
    name = "Approval.expireDue",
    query =
        "UPDATE Approval a SET a.state = dev.gatehouse.approval.ApprovalState.EXPIRED,"
            + " a.version = a.version + 1"
            + " WHERE (a.state = dev.gatehouse.approval.ApprovalState.PENDING"
            + " OR a.state = dev.gatehouse.approval.ApprovalState.APPROVED)"
            + " AND a.expiresAt <= :now")
@NamedQuery(
    name = "Approval.markUsed",
    query =
        "UPDATE Approval a SET a.state = dev.gatehouse.approval.ApprovalState.USED,"
            + " a.usedAt = :now, a.releasedAuditId = :auditId, a.version = a.version + 1"
            + " WHERE a.id = :id AND a.state = dev.gatehouse.approval.ApprovalState.APPROVED"
            + " AND a.expiresAt > :now")
@NamedQuery(
    name = "Approval.findToolCall",
    query =
        "SELECT a FROM Approval a WHERE a.requesterSubject = :caller"
            + " AND a.connectionName = :connection AND a.toolName = :tool"
            + " AND a.toolArgumentsSha256 = :arguments AND a.toolRuleId = :ruleId"
            + " AND a.toolRuleVersion = :ruleVersion AND a.state IN :states"
            + " AND a.expiresAt > :now ORDER BY a.createdAt")
public class Approval {

  @Id
  @Column(length = 36)
  private String id = UUID.randomUUID().toString();

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private ApprovalState state = ApprovalState.PENDING;

  @Column(name = "requester_subject", nullable = false, length = 255)
  private String requesterSubject;

  @Column(name = "connection_name", nullable = false, length = 63)
  private String connectionName;

  @Column(nullable = false, length = 16)
  private String method;

  @Column(nullable = false, length = 4096)
  private String path;

  @Column(name = "query_sha256", nullable = false, length = 64)
  private String querySha256;

  @Column(name = "body_sha256", nullable = false, length = 64)
  private String bodySha256;

  @Column(name = "body_bytes", nullable = false)
  private long bodyBytes;

  /** {@code null} for approvals held before V14: those match no resend. */
  @Column(name = "headers_sha256", length = 64)
  private String headersSha256;

  @Column(name = "held_reason", nullable = false, length = 255)
  private String heldReason;

  @Column(name = "sealed_key_id", nullable = false, length = 64)
  private String sealedKeyId;

  @Column(name = "sealed_request", nullable = false, length = 1000000)
  private String sealedRequest;

  @Column(name = "approved_ttl_s", nullable = false)
  private int approvedTtlSeconds;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "decided_by", length = 255)
  private String decidedBy;

  @Column(name = "decision_reason", length = 1024)
  private String decisionReason;

  @Column(name = "used_at")
  private Instant usedAt;

  @Column(name = "held_audit_id", length = 36)
  private String heldAuditId;

  @Column(name = "released_audit_id", length = 36)
  private String releasedAuditId;

  @Column(name = "approvals_required", nullable = false)
  private int approvalsRequired = 1;

  @Column(name = "approvals_given", nullable = false)
  private int approvalsGiven;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by", length = 255)
  private String revokedBy;

  // A held tool call (V19): only the identical call under the same rule version is released.

  @Column(name = "tool_name", length = 128)
  private String toolName;

  @Column(name = "tool_arguments_sha256", length = 64)
  private String toolArgumentsSha256;

  @Column(name = "tool_rule_id", length = 36)
  private String toolRuleId;

  @Column(name = "tool_rule_version")
  private Long toolRuleVersion;

  /** What the tool says of itself, as last listed, for the reviewer. */
  @Column(name = "tool_description", length = 1024)
  private String toolDescription;

  @Version private long version;

  protected Approval() {}

  /** A new pending approval for the request these facts describe. */
  public Approval(
      String requesterSubject,
      RequestFacts facts,
      String heldReason,
      Instant now,
      Duration pendingTtl,
      Duration approvedTtl,
      int approvalsRequired) {
    this.requesterSubject = requesterSubject;
    this.connectionName = facts.connection();
    this.method = facts.method();
    this.path = facts.path();
    this.querySha256 = facts.querySha256();
    this.bodySha256 = facts.bodySha256();
    this.bodyBytes = facts.bodyBytes();
    this.headersSha256 = facts.headersSha256();
    this.heldReason = heldReason.length() > 255 ? heldReason.substring(0, 255) : heldReason;
    this.createdAt = now;
    this.expiresAt = now.plus(pendingTtl);
    this.approvedTtlSeconds = (int) approvedTtl.toSeconds();
    this.approvalsRequired = Math.max(1, approvalsRequired);
  }

  /**
   * Binds this approval to one tool call: the tool, the SHA-256 of its canonical arguments, and the
   * rule (id and version) that held it.
   */
  public void bindToolCall(
      String tool, String argumentsSha256, String ruleId, long ruleVersion, String description) {
    this.toolName = tool;
    this.toolArgumentsSha256 = argumentsSha256;
    this.toolRuleId = ruleId;
    this.toolRuleVersion = ruleVersion;
    this.toolDescription =
        description == null || description.length() <= 1024
            ? description
            : description.substring(0, 1023) + "…";
  }

  /** The held tool call's tool, or {@code null} for a held request. */
  public String getToolName() {
    return toolName;
  }

  public String getToolArgumentsSha256() {
    return toolArgumentsSha256;
  }

  public String getToolRuleId() {
    return toolRuleId;
  }

  public Long getToolRuleVersion() {
    return toolRuleVersion;
  }

  public String getToolDescription() {
    return toolDescription;
  }

  /** Stores the held request, sealed and bound to this approval's id. */
  public void holdSealed(SealedSecret sealed, String auditId) {
    this.sealedKeyId = sealed.keyId();
    this.sealedRequest = sealed.ciphertext();
    this.heldAuditId = auditId;
  }

  public SealedSecret sealedRequest() {
    return new SealedSecret(sealedKeyId, sealedRequest);
  }

  /** The state as of {@code now}: a live approval whose deadline has passed is expired. */
  public ApprovalState stateAt(Instant now) {
    return state.live() && !now.isBefore(expiresAt) ? ApprovalState.EXPIRED : state;
  }

  /**
   * A reviewer approves. Once as many distinct reviewers approved as required (the caller checks
   * distinctness against the votes), the approval is usable for its approved TTL.
   *
   * @return whether this vote decided the approval
   * @throws GatewayRefusal 403 {@code self_approval}, 409 {@code approval_not_pending}, 410 {@code
   *     approval_expired}
   */
  public boolean approve(String reviewer, Instant now) {
    checkDecidable(reviewer, ApprovalState.APPROVED, now);
    approvalsGiven++;
    if (approvalsGiven < approvalsRequired) {
      return false;
    }
    decide(reviewer, ApprovalState.APPROVED, null, now);
    this.expiresAt = now.plusSeconds(approvedTtlSeconds);
    return true;
  }

  /**
   * A reviewer withdraws an approval that was not used yet: a resend is then refused.
   *
   * @throws GatewayRefusal 409 {@code approval_not_approved} unless the approval is approved and
   *     unused
   */
  public void revoke(String reviewer, Instant now) {
    if (stateAt(now) != ApprovalState.APPROVED) {
      throw GatewayRefusal.refused(
          409, "approval_not_approved", "Only an approved, unused approval can be revoked.");
    }
    this.state = ApprovalState.REVOKED;
    this.revokedBy = reviewer;
    this.revokedAt = now;
  }

  /**
   * A reviewer denies, with a reason.
   *
   * @throws GatewayRefusal 400 {@code reason_required}, 403 {@code self_approval}, 409 {@code
   *     approval_not_pending}
   */
  public void deny(String reviewer, String reason, Instant now) {
    if (reason == null || reason.isBlank()) {
      throw GatewayRefusal.refused(400, "reason_required", "A denial needs a reason.")
          .ofField("reason");
    }
    decide(reviewer, ApprovalState.DENIED, reason.strip(), now);
  }

  private void decide(String reviewer, ApprovalState next, String reason, Instant now) {
    checkDecidable(reviewer, next, now);
    this.state = next;
    this.decidedBy = reviewer;
    this.decidedAt = now;
    this.decisionReason =
        reason == null ? null : reason.length() > 1024 ? reason.substring(0, 1024) : reason;
  }

  private void checkDecidable(String reviewer, ApprovalState next, Instant now) {
    if (reviewer.equals(requesterSubject)) {
      throw GatewayRefusal.refused(
          403, "self_approval", "A reviewer cannot decide on their own request.");
    }
    ApprovalState current = stateAt(now);
    if (current == ApprovalState.EXPIRED) {
      throw GatewayRefusal.refused(410, "approval_expired", "The approval has expired.");
    }
    if (!current.canBecome(next) || current != ApprovalState.PENDING) {
      throw GatewayRefusal.refused(
          409, "approval_not_pending", "The approval was already decided: " + current + ".");
    }
  }

  /**
   * Checks that a resend may use this approval: the same caller and request (connection, method,
   * path, query, body and end-to-end headers), approved, neither expired nor used. The caller then
   * marks it used atomically ({@code Approval.markUsed}).
   *
   * @throws GatewayRefusal with a precise reason when it may not
   */
  public void checkRelease(String caller, RequestFacts facts, Instant now) {
    if (!caller.equals(requesterSubject)) {
      throw GatewayRefusal.refused(
          403, "approval_not_yours", "The approval belongs to another caller.");
    }
    if (!connectionName.equals(facts.connection())) {
      throw mismatch("connection");
    }
    if (!method.equals(facts.method())) {
      throw mismatch("method");
    }
    if (!path.equals(facts.path())) {
      throw mismatch("path");
    }
    if (!querySha256.equals(facts.querySha256())) {
      throw mismatch("query");
    }
    if (!bodySha256.equals(facts.bodySha256())) {
      throw mismatch("body");
    }
    // An approval held before headers were bound (headersSha256 null) matches no resend.
    if (headersSha256 == null || !headersSha256.equals(facts.headersSha256())) {
      throw mismatch("headers");
    }
    switch (stateAt(now)) {
      case PENDING ->
          throw GatewayRefusal.refused(409, "approval_pending", "No reviewer has decided yet.");
      case DENIED ->
          throw GatewayRefusal.refused(403, "approval_denied", "A reviewer denied the request.");
      case EXPIRED ->
          throw GatewayRefusal.refused(410, "approval_expired", "The approval expired.");
      case USED ->
          throw GatewayRefusal.refused(
              409, "approval_already_used", "The approval was already used.");
      case REVOKED ->
          throw GatewayRefusal.refused(403, "approval_revoked", "A reviewer revoked the approval.");
      case APPROVED -> {}
    }
  }

  private static GatewayRefusal mismatch(String what) {
    return GatewayRefusal.refused(
        409,
        "approval_mismatch",
        "The resent request differs from the held one in its " + what + ".");
  }

  public String getId() {
    return id;
  }

  public ApprovalState getState() {
    return state;
  }

  public String getRequesterSubject() {
    return requesterSubject;
  }

  public String getConnectionName() {
    return connectionName;
  }

  public String getMethod() {
    return method;
  }

  public String getPath() {
    return path;
  }

  public String getBodySha256() {
    return bodySha256;
  }

  public String getHeadersSha256() {
    return headersSha256;
  }

  public long getBodyBytes() {
    return bodyBytes;
  }

  public String getHeldReason() {
    return heldReason;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getDecidedAt() {
    return decidedAt;
  }

  public String getDecidedBy() {
    return decidedBy;
  }

  public String getDecisionReason() {
    return decisionReason;
  }

  public Instant getUsedAt() {
    return usedAt;
  }

  public String getHeldAuditId() {
    return heldAuditId;
  }

  public String getReleasedAuditId() {
    return releasedAuditId;
  }

  public int getApprovalsRequired() {
    return approvalsRequired;
  }

  public int getApprovalsGiven() {
    return approvalsGiven;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public String getRevokedBy() {
    return revokedBy;
  }
}
