package dev.gatehouse.approval;

/**
 * The life of an approval: {@code PENDING → APPROVED | DENIED | EXPIRED}, {@code APPROVED → USED |
 * EXPIRED | REVOKED}. DENIED, EXPIRED, USED and REVOKED are final; nothing leaves them. While
 * PENDING, approvals are counted until as many distinct reviewers approved as required.
 */
public enum ApprovalState {
  PENDING,
  APPROVED,
  DENIED,
  EXPIRED,
  USED,
  REVOKED;

  /** Whether the machine allows the step from this state to {@code next}. */
  public boolean canBecome(ApprovalState next) {
    return switch (this) {
      case PENDING -> next == APPROVED || next == DENIED || next == EXPIRED;
      case APPROVED -> next == USED || next == EXPIRED || next == REVOKED;
      default -> false;
    };
  }

  /** Whether a deadline still applies (the approval can still change by itself). */
  public boolean live() {
    return this == PENDING || this == APPROVED;
  }
}
