package dev.gatehouse.ratelimit;

/**
 * The limits in force for one connection, defaults already applied; {@code 0} means no limit.
 *
 * @param intervalSeconds length of the counting window, at least 1
 * @param callerRequests requests per window for one caller
 * @param connectionRequests requests per window for all callers together
 * @param callerConcurrent requests in flight for one caller
 * @param connectionConcurrent requests in flight for all callers together
 */
public record RateLimits(
    int intervalSeconds,
    int callerRequests,
    int connectionRequests,
    int callerConcurrent,
    int connectionConcurrent) {

  /** Whether any limit applies at all (if none, the counters are not touched). */
  public boolean any() {
    return callerRequests > 0
        || connectionRequests > 0
        || callerConcurrent > 0
        || connectionConcurrent > 0;
  }
}
