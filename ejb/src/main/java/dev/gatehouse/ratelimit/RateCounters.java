package dev.gatehouse.ratelimit;

import com.hazelcast.map.IMap;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The counters behind the rate limits, in two maps every instance shares (Hazelcast {@link IMap}s
 * on a server, plain maps in tests):
 *
 * <ul>
 *   <li>request counts per fixed window, keyed by the window's end (epoch second) and the limit's
 *       key, created with a time-to-live of the window so that old windows vanish by themselves;
 *   <li>requests in flight per limit key and per cluster member. A member counts only its own
 *       requests and the total is summed over the members that are in the cluster now, so the
 *       requests of a member that crashed stop counting the moment it leaves.
 * </ul>
 *
 * <p>Only atomic map operations ({@code putIfAbsent}, {@code replace}) are used, so no class of
 * Gatehouse's has to be known to the data grid. Both checks count first and compare after: two
 * instances racing for the last slot may both be refused, but never both admitted.
 */
public class RateCounters {

  private final ConcurrentMap<String, Long> windows;
  private final ConcurrentMap<String, Long> inFlight;
  private final Supplier<Collection<String>> members;
  private final String self;

  /**
   * @param windows request counts per window
   * @param inFlight requests in flight per limit key and member
   * @param members ids of the cluster's current members
   * @param self this member's id
   */
  public RateCounters(
      ConcurrentMap<String, Long> windows,
      ConcurrentMap<String, Long> inFlight,
      Supplier<Collection<String>> members,
      String self) {
    this.windows = windows;
    this.inFlight = inFlight;
    this.members = members;
    this.self = self;
  }

  /** Counters of this JVM alone: for tests, and for a server without a data grid. */
  public static RateCounters local() {
    return new RateCounters(
        new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), () -> Set.of("local"), "local");
  }

  /** The end (epoch second) of the window of {@code intervalSeconds} that {@code now} falls in. */
  public static long windowEnd(Instant now, int intervalSeconds) {
    long second = now.getEpochSecond();
    return (second / intervalSeconds + 1) * intervalSeconds;
  }

  /**
   * Counts one request in the window ending at {@code windowEnd} and returns the window's count,
   * this request included.
   */
  public long countRequest(String key, long windowEnd, Instant now) {
    String windowKey = windowEnd + "|" + key;
    long ttl = Math.max(1, windowEnd - now.getEpochSecond()) + 1;
    while (true) {
      Long current = putFirst(windowKey, ttl, now);
      if (current == null) {
        return 1;
      }
      if (windows.replace(windowKey, current, current + 1)) {
        return current + 1;
      }
    }
  }

  /** Takes back a request counted by {@link #countRequest} that was then refused. */
  public void uncountRequest(String key, long windowEnd) {
    decrement(windows, windowEnd + "|" + key);
  }

  /**
   * Counts a request in flight under {@code key} unless that would make more than {@code limit};
   * returns whether it was counted (then {@link #finished} must follow).
   */
  public boolean tryStart(String key, int limit) {
    String own = key + "|" + self;
    increment(inFlight, own);
    Collection<String> current = members.get();
    Set<String> keys = new java.util.HashSet<>();
    for (String member : current) {
      keys.add(key + "|" + member);
    }
    keys.add(own);
    long total = sum(keys);
    if (total > limit) {
      decrement(inFlight, own);
      return false;
    }
    return true;
  }

  /** Ends a request counted by a successful {@link #tryStart}. */
  public void finished(String key) {
    decrement(inFlight, key + "|" + self);
  }

  /** Requests in flight under {@code key}, summed over the current members. */
  public long inFlight(String key) {
    Set<String> keys = new java.util.HashSet<>();
    for (String member : members.get()) {
      keys.add(key + "|" + member);
    }
    return sum(keys);
  }

  private long sum(Set<String> keys) {
    Map<String, Long> values;
    if (inFlight instanceof IMap<String, Long> grid) {
      values = grid.getAll(keys); // one round trip per partition owner, not one per key
    } else {
      values = new HashMap<>();
      keys.forEach(k -> values.put(k, inFlight.get(k)));
    }
    long total = 0;
    for (Long v : values.values()) {
      total += v == null ? 0 : v;
    }
    return total;
  }

  private Long putFirst(String windowKey, long ttlSeconds, Instant now) {
    if (windows instanceof IMap<String, Long> grid) {
      return grid.putIfAbsent(windowKey, 1L, ttlSeconds, TimeUnit.SECONDS);
    }
    Long previous = windows.putIfAbsent(windowKey, 1L);
    if (previous == null) {
      // A new window began: a plain map has no time-to-live, so drop the windows that ended.
      long second = now.getEpochSecond();
      windows.keySet().removeIf(k -> Long.parseLong(k.substring(0, k.indexOf('|'))) <= second);
    }
    return previous;
  }

  private static void increment(ConcurrentMap<String, Long> map, String key) {
    while (true) {
      Long current = map.putIfAbsent(key, 1L);
      if (current == null || map.replace(key, current, current + 1)) {
        return;
      }
    }
  }

  private static void decrement(ConcurrentMap<String, Long> map, String key) {
    while (true) {
      Long current = map.get(key);
      if (current == null || current <= 0 || map.replace(key, current, current - 1)) {
        return;
      }
    }
  }
}
