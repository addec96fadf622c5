package dev.gatehouse.connection;

/**
 * A connection's own rate limits, as the data path sees them. Each value is {@code null} for the
 * configured default ({@code gatehouse.ratelimit.*}) and {@code 0} for no limit.
 *
 * @param intervalSeconds length of the window the request counts apply to
 * @param callerRequests requests one caller may send to the connection per window
 * @param connectionRequests requests all callers together may send to the connection per window
 * @param callerConcurrent requests one caller may have in flight to the connection at once
 * @param connectionConcurrent requests all callers together may have in flight at once
 */
public record RateLimitSettings(
    Integer intervalSeconds,
    Integer callerRequests,
    Integer connectionRequests,
    Integer callerConcurrent,
    Integer connectionConcurrent)
    implements java.io.Serializable {

  /** Every limit at its configured default. */
  public static final RateLimitSettings DEFAULTS =
      new RateLimitSettings(null, null, null, null, null);
}
