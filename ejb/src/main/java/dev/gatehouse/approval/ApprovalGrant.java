package dev.gatehouse.approval;

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
 * A time-boxed grant: a reviewer lets one caller (by subject) use one connection without
 * per-request approval until the window ends or the grant is revoked. Requests it lets through are
 * audited as {@code RELEASED} with reason {@code grant:<id>}.
 *
 * <p>Guarantees: nobody grants themselves; a grant counts only while {@code ACTIVE} and before its
 * end, whatever the sweep has written yet; revocation is final. A grant is one reviewer's word, so
 * it covers only holds that one reviewer may release ({@link #covers}): a request held for several
 * distinct reviewers (by its connection or a rule) is held even while its caller has a grant.
 */
@Entity
@Table(name = "approval_grant")
@NamedQuery(
    name = "ApprovalGrant.active",
    query =
        "SELECT g FROM ApprovalGrant g WHERE g.subject = :subject AND g.connectionName = :connection"
            + " AND g.state = dev.gatehouse.approval.GrantState.ACTIVE AND g.expiresAt > :now"
            + " ORDER BY g.expiresAt DESC")
@NamedQuery(
    name = "ApprovalGrant.expireDue",
    query =
        "UPDATE ApprovalGrant g SET g.state = dev.gatehouse.approval.GrantState.EXPIRED,"
            + " g.version = g.version + 1"
            + " WHERE g.state = dev.gatehouse.approval.GrantState.ACTIVE AND g.expiresAt <= :now")
@NamedQuery(
    name = "ApprovalGrant.countUse",
    query = "UPDATE ApprovalGrant g SET g.uses = g.uses + 1 WHERE g.id = :id")
public class ApprovalGrant {

  @Id
  @Column(length = 36)
  private String id = UUID.randomUUID().toString();

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private GrantState state = GrantState.ACTIVE;

  @Column(nullable = false, length = 255)
  private String subject;

  @Column(name = "connection_name", nullable = false, length = 63)
  private String connectionName;

  @Column(length = 1024)
  private String reason;

  @Column(name = "granted_by", nullable = false, length = 255)
  private String grantedBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by", length = 255)
  private String revokedBy;

  @Column(name = "revoke_reason", length = 1024)
  private String revokeReason;

  @Column(nullable = false)
  private long uses;

  @Version private long version;

  /**
   * Whether a grant may stand in for a hold that needs {@code approvalsRequired} distinct
   * reviewers: only when one reviewer suffices. A grant never widens a multi-reviewer hold.
   */
  public static boolean covers(int approvalsRequired) {
    return approvalsRequired <= 1;
  }

  protected ApprovalGrant() {}

  /**
   * A new active grant.
   *
   * @throws GatewayRefusal 403 {@code self_approval} when the reviewer grants themselves
   */
  public ApprovalGrant(
      String subject,
      String connectionName,
      String reason,
      String grantedBy,
      Instant now,
      Duration window) {
    if (grantedBy.equals(subject)) {
      throw GatewayRefusal.refused(403, "self_approval", "A reviewer cannot grant themselves.");
    }
    this.subject = subject;
    this.connectionName = connectionName;
    this.reason = clip(reason);
    this.grantedBy = grantedBy;
    this.createdAt = now;
    this.expiresAt = now.plus(window);
  }

  /** The state as of {@code now}: an active grant past its end is expired. */
  public GrantState stateAt(Instant now) {
    return state == GrantState.ACTIVE && !now.isBefore(expiresAt) ? GrantState.EXPIRED : state;
  }

  /**
   * Ends the grant now.
   *
   * @throws GatewayRefusal 409 {@code grant_not_active} when it already ended
   */
  public void revoke(String reviewer, String why, Instant now) {
    if (stateAt(now) != GrantState.ACTIVE) {
      throw GatewayRefusal.refused(409, "grant_not_active", "The grant already ended.");
    }
    this.state = GrantState.REVOKED;
    this.revokedBy = reviewer;
    this.revokedAt = now;
    this.revokeReason = clip(why);
  }

  private static String clip(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    String t = s.strip();
    return t.length() <= 1024 ? t : t.substring(0, 1024);
  }

  public String getId() {
    return id;
  }

  public GrantState getState() {
    return state;
  }

  public String getSubject() {
    return subject;
  }

  public String getConnectionName() {
    return connectionName;
  }

  public String getReason() {
    return reason;
  }

  public String getGrantedBy() {
    return grantedBy;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public String getRevokedBy() {
    return revokedBy;
  }

  public String getRevokeReason() {
    return revokeReason;
  }

  public long getUses() {
    return uses;
  }
}
