package dev.gatehouse.connection;

/**
 * A connection's approval settings, as the data path sees them.
 *
 * @param required every request to the connection waits for a reviewer
 * @param pendingTtlSeconds how long a held request waits for a decision; {@code null} for the
 *     configured default
 * @param approvedTtlSeconds how long an approval stays usable; {@code null} for the configured
 *     default
 */
public record ApprovalSettings(
    boolean required, Integer pendingTtlSeconds, Integer approvedTtlSeconds) {

  public static final ApprovalSettings NONE = new ApprovalSettings(false, null, null);
}
