package dev.gatehouse.audit.sink;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off after failed deliveries: the first retry after {@code initialMillis}, each
 * further one twice as late, at most {@code maxMillis}, with ±20 % jitter so instances that lost
 * the same receiver do not return in step.
 */
final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private int failures;

  Backoff(long initialMillis, long maxMillis) {
    this.initialMillis = Math.max(1, initialMillis);
    this.maxMillis = Math.max(this.initialMillis, maxMillis);
  }

  /** Records a failure; returns how long to wait before the next attempt. */
  long failed() {
    failures++;
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Math.round(Math.min(maxMillis, nominal()) * jitter);
  }

  void succeeded() {
    failures = 0;
  }

  int failures() {
    return failures;
  }

  /** The un-jittered wait after the current number of failures. */
  long nominal() {
    if (failures == 0) {
      return 0;
    }
    int doublings = Math.min(failures - 1, 30);
    return Math.min(maxMillis, initialMillis << doublings);
  }
}
