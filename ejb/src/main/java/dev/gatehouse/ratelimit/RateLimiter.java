package dev.gatehouse.ratelimit;

import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admits a request under the limits of its connection, or refuses it with 429 and {@code
 * Retry-After}. Counts are per connection: one caller's requests to one connection, and all
 * callers' requests to it together. A refused request is not counted, so a caller that keeps
 * retrying too early does not push its own window further out.
 *
 * <p>If the data grid fails mid-request the request is admitted and the failure logged: the limits
 * protect backends from overload, and an outage of the counters must not become an outage of the
 * gateway (the audit trail, which must not be skipped, fails closed instead).
 */
@ApplicationScoped
public class RateLimiter {

  private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

  private RateCounters counters;

  @PostConstruct
  void connect() {
    counters = DataGrid.counters().orElseGet(RateCounters::local);
  }

  /** For tests: a limiter over the given counters. */
  static RateLimiter over(RateCounters counters) {
    RateLimiter limiter = new RateLimiter();
    limiter.counters = counters;
    return limiter;
  }

  /**
   * Counts the request against every limit that applies, or refuses it.
   *
   * @return what to release when the request ends
   * @throws GatewayRefusal 429 when a limit is reached
   */
  public Permit admit(String connection, String caller, RateLimits limits, Instant now) {
    Permit permit = new Permit();
    if (!limits.any()) {
      return permit;
    }
    String callerKey = "caller|" + connection + "|" + caller;
    String connectionKey = "connection|" + connection;
    try {
      start(permit, callerKey, limits.callerConcurrent(), "caller_concurrency_limited", "caller");
      start(
          permit,
          connectionKey,
          limits.connectionConcurrent(),
          "connection_concurrency_limited",
          "connection");
      long windowEnd = RateCounters.windowEnd(now, limits.intervalSeconds());
      count(permit, callerKey, limits.callerRequests(), windowEnd, now, limits, "caller");
      count(permit, connectionKey, limits.connectionRequests(), windowEnd, now, limits, "all");
      return permit;
    } catch (GatewayRefusal refusal) {
      permit.undo();
      throw refusal;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Rate-limit counters unavailable; admitting the request", e);
      permit.undo();
      return new Permit();
    }
  }

  private void start(Permit permit, String key, int limit, String reason, String who) {
    if (limit <= 0) {
      return;
    }
    if (!counters.tryStart(key, limit)) {
      String detail =
          "caller".equals(who)
              ? "The caller has " + limit + " request(s) to this connection in flight already."
              : "This connection has " + limit + " request(s) in flight already.";
      throw refusal(reason, detail, 1);
    }
    permit.inFlight.add(key);
  }

  private void count(
      Permit permit,
      String key,
      int limit,
      long windowEnd,
      Instant now,
      RateLimits limits,
      String who) {
    if (limit <= 0) {
      return;
    }
    long count = counters.countRequest(key, windowEnd, now);
    permit.windowEnd = windowEnd;
    permit.countedKeys.add(key);
    if (count > limit) {
      long retryAfter = Math.max(1, windowEnd - now.getEpochSecond());
      String detail =
          ("caller".equals(who) ? "The caller" : "All callers together")
              + " may send "
              + limit
              + " request(s) per "
              + limits.intervalSeconds()
              + " s to this connection; retry after "
              + retryAfter
              + " s.";
      throw refusal(
          "caller".equals(who) ? "caller_rate_limited" : "connection_rate_limited",
          detail,
          retryAfter);
    }
  }

  private static GatewayRefusal refusal(String reason, String detail, long retryAfterSeconds) {
    return new GatewayRefusal(
        429,
        reason,
        detail,
        Decision.REFUSED,
        Map.of("Retry-After", Long.toString(retryAfterSeconds)),
        null);
  }

  /** Requests in flight under a limit key, for diagnostics and tests. */
  long inFlight(String key) {
    return counters.inFlight(key);
  }

  /** What one admitted request holds: its in-flight slots, released exactly once. */
  public final class Permit {
    private final List<String> inFlight = new ArrayList<>(2);
    private long windowEnd;
    private final List<String> countedKeys = new ArrayList<>(2);
    private boolean released;

    private Permit() {}

    /** Frees the in-flight slots; the window counts stay (the request was made). */
    public synchronized void release() {
      if (released) {
        return;
      }
      released = true;
      for (String key : inFlight) {
        try {
          counters.finished(key);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Could not release an in-flight rate-limit slot", e);
        }
      }
    }

    /** Takes back everything: the request was refused after all. */
    private void undo() {
      for (String key : countedKeys) {
        try {
          counters.uncountRequest(key, windowEnd);
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "Could not take back a rate-limit count", e);
        }
      }
      release();
    }
  }
}
