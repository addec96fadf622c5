package dev.gatehouse.connection;

import java.util.Set;

/**
 * A connection's approval settings, as the data path sees them.
 *
 * @param required every request to the connection waits for a reviewer
 * @param pendingTtlSeconds how long a held request waits for a decision; {@code null} for the
 *     configured default
 * @param approvedTtlSeconds how long an approval stays usable; {@code null} for the configured
 *     default
 * @param approvalsRequired how many distinct reviewers must approve; {@code null} for the
 *     configured default
 * @param reviewerGroups groups a reviewer must belong to to decide on (or grant) this connection;
 *     empty: any reviewer
 */
public record ApprovalSettings(
    boolean required,
    Integer pendingTtlSeconds,
    Integer approvedTtlSeconds,
    Integer approvalsRequired,
    Set<String> reviewerGroups) {

  public static final ApprovalSettings NONE =
      new ApprovalSettings(false, null, null, null, Set.of());

  public ApprovalSettings {
    reviewerGroups = reviewerGroups == null ? Set.of() : Set.copyOf(reviewerGroups);
  }
}
