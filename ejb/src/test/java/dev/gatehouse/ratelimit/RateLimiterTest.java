package dev.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.exchange.GatewayRefusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The limiter over plain maps, including two "instances" that share them as cluster members share
 * the data grid's maps.
 */
class RateLimiterTest {

  private static final Instant T0 = Instant.parse("2026-11-26T01:00:10Z");

  private final ConcurrentMap<String, Long> windows = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Long> inFlight = new ConcurrentHashMap<>();
  private final List<String> members = new CopyOnWriteArrayList<>(List.of("a", "b"));

  private RateLimiter instance(String id) {
    Collection<String> view = members;
    return RateLimiter.over(new RateCounters(windows, inFlight, () -> view, id));
  }

  private static RateLimits perCaller(int requests) {
    return new RateLimits(60, requests, 0, 0, 0);
  }

  @Test
  void refusesTheCallerOverItsWindowWithRetryAfterUntilTheWindowEnds() {
    RateLimiter limiter = instance("a");
    limiter.admit("demo", "alice", perCaller(2), T0);
    limiter.admit("demo", "alice", perCaller(2), T0);

    assertThatThrownBy(() -> limiter.admit("demo", "alice", perCaller(2), T0))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.status()).isEqualTo(429);
              assertThat(r.reason()).isEqualTo("caller_rate_limited");
              assertThat(r.headers()).containsEntry("Retry-After", "50");
            });
    // Another caller has their own count; the next window starts afresh.
    limiter.admit("demo", "bob", perCaller(2), T0);
    limiter.admit("demo", "alice", perCaller(2), T0.plusSeconds(50));
  }

  @Test
  void aRefusedRequestIsNotCounted() {
    RateLimiter limiter = instance("a");
    RateLimits limits = new RateLimits(60, 3, 1, 0, 0);
    limiter.admit("demo", "alice", limits, T0);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> limiter.admit("demo", "alice", limits, T0))
          .hasFieldOrPropertyWithValue("reason", "connection_rate_limited");
    }
    // alice's own count stayed at 1: on a connection without its overall limit she has 2 left.
    RateLimits callerOnly = new RateLimits(60, 3, 0, 0, 0);
    limiter.admit("demo", "alice", callerOnly, T0);
    limiter.admit("demo", "alice", callerOnly, T0);
    assertThatThrownBy(() -> limiter.admit("demo", "alice", callerOnly, T0))
        .hasFieldOrPropertyWithValue("reason", "caller_rate_limited");
  }

  @Test
  void windowCountsAreSharedByEveryInstance() {
    RateLimits limits = new RateLimits(60, 0, 3, 0, 0);
    instance("a").admit("demo", "alice", limits, T0);
    instance("b").admit("demo", "bob", limits, T0);
    instance("a").admit("demo", "carol", limits, T0);

    assertThatThrownBy(() -> instance("b").admit("demo", "dave", limits, T0))
        .hasFieldOrPropertyWithValue("reason", "connection_rate_limited");
  }

  @Test
  void concurrencyLimitHoldsAcrossInstancesUntilPermitsAreReleased() {
    RateLimits limits = new RateLimits(60, 0, 0, 0, 2);
    List<RateLimiter.Permit> held = new ArrayList<>();
    held.add(instance("a").admit("demo", "alice", limits, T0));
    held.add(instance("b").admit("demo", "bob", limits, T0));

    assertThatThrownBy(() -> instance("a").admit("demo", "carol", limits, T0))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.reason()).isEqualTo("connection_concurrency_limited");
              assertThat(r.headers()).containsEntry("Retry-After", "1");
            });

    held.get(1).release();
    held.get(1).release(); // twice is once
    assertThat(instance("a").inFlight("connection|demo")).isEqualTo(1);
    instance("a").admit("demo", "carol", limits, T0);
  }

  @Test
  void requestsInFlightOnAMemberThatLeftStopCounting() {
    RateLimits limits = new RateLimits(60, 0, 0, 1, 0);
    instance("b").admit("demo", "alice", limits, T0);
    assertThatThrownBy(() -> instance("a").admit("demo", "alice", limits, T0))
        .hasFieldOrPropertyWithValue("reason", "caller_concurrency_limited");

    members.remove("b"); // b crashed with alice's request in flight

    instance("a").admit("demo", "alice", limits, T0);
  }

  @Test
  void withoutLimitsNothingIsCounted() {
    instance("a").admit("demo", "alice", new RateLimits(60, 0, 0, 0, 0), T0);

    assertThat(windows).isEmpty();
    assertThat(inFlight).isEmpty();
  }
}
