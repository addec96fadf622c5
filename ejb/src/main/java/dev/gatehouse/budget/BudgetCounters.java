package dev.gatehouse.budget;

import com.hazelcast.map.IMap;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * What has been spent against the budgets, in one map every instance shares (a Hazelcast {@link
 * IMap} on a server, a plain map in tests and on a server without a data grid). An amount is
 * created with a time-to-live, so that ended windows and old sessions vanish by themselves; a plain
 * map has none, so its expiries are kept beside it and honoured here.
 *
 * <p>As with the rate-limit counters, only atomic map operations ({@code putIfAbsent}, {@code
 * replace}) are used, so that no class of Gatehouse's has to be known to the data grid.
 */
public class BudgetCounters {

  private final ConcurrentMap<String, Long> amounts;

  /** Expiry (epoch second) by key, for a plain map only. */
  private final ConcurrentMap<String, Long> expiries = new ConcurrentHashMap<>();

  public BudgetCounters(ConcurrentMap<String, Long> amounts) {
    this.amounts = amounts;
  }

  /** Counters of this JVM alone: for tests, and for a server without a data grid. */
  public static BudgetCounters local() {
    return new BudgetCounters(new ConcurrentHashMap<>());
  }

  /**
   * Adds {@code amount} under {@code key} and returns the total, this amount included. A key seen
   * for the first time lives {@code ttlSeconds}.
   */
  public long add(String key, long amount, long ttlSeconds, Instant now) {
    while (true) {
      Long current = amounts.get(key);
      if (current != null && expired(key, now)) {
        amounts.remove(key, current);
        continue;
      }
      if (current == null) {
        if (putFirst(key, amount, ttlSeconds, now) == null) {
          return amount;
        }
        continue;
      }
      if (amounts.replace(key, current, current + amount)) {
        return current + amount;
      }
    }
  }

  /** The amount under {@code key}, 0 when there is none. */
  public long get(String key, Instant now) {
    Long current = amounts.get(key);
    return current == null || expired(key, now) ? 0 : current;
  }

  /** Takes back an amount added by {@link #add} (never below 0). */
  public void subtract(String key, long amount) {
    while (true) {
      Long current = amounts.get(key);
      if (current == null
          || current <= 0
          || amounts.replace(key, current, Math.max(0, current - amount))) {
        return;
      }
    }
  }

  private boolean expired(String key, Instant now) {
    if (amounts instanceof IMap) {
      return false; // the grid expires entries itself
    }
    Long expiry = expiries.get(key);
    return expiry != null && expiry <= now.getEpochSecond();
  }

  private Long putFirst(String key, long amount, long ttlSeconds, Instant now) {
    if (amounts instanceof IMap<String, Long> grid) {
      return grid.putIfAbsent(key, amount, ttlSeconds, TimeUnit.SECONDS);
    }
    Long previous = amounts.putIfAbsent(key, amount);
    if (previous == null) {
      expiries.put(key, now.getEpochSecond() + ttlSeconds);
      // A plain map has no time-to-live: drop what has expired whenever something new begins.
      long second = now.getEpochSecond();
      expiries
          .entrySet()
          .removeIf(
              e -> {
                if (e.getValue() <= second) {
                  amounts.remove(e.getKey());
                  return true;
                }
                return false;
              });
    }
    return previous;
  }
}
