package dev.gatehouse.api.approval;

import dev.gatehouse.approval.ApprovalGrant;
import java.time.Instant;

/**
 * The JSON shape of one grant. {@code status} is the state as of now: an active grant past its end
 * shows {@code EXPIRED} even before the sweep has written it.
 */
public record GrantView(
    String id,
    String status,
    String subject,
    String connection,
    String reason,
    String grantedBy,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    String revokedBy,
    String revokeReason,
    long uses) {

  public static GrantView of(ApprovalGrant g) {
    return new GrantView(
        g.getId(),
        g.stateAt(Instant.now()).name(),
        g.getSubject(),
        g.getConnectionName(),
        g.getReason(),
        g.getGrantedBy(),
        g.getCreatedAt(),
        g.getExpiresAt(),
        g.getRevokedAt(),
        g.getRevokedBy(),
        g.getRevokeReason(),
        g.getUses());
  }
}
