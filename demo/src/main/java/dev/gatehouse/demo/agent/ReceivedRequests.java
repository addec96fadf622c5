package dev.gatehouse.demo.agent;

import java.util.ArrayDeque;
import java.util.List;

/**
 * In-memory ring of the most recent requests. Bounded so that a long-running demo agent cannot grow
 * without limit; thread-safe because the server handles requests on a pool.
 */
final class ReceivedRequests {

  static final int CAPACITY = 500;

  private final ArrayDeque<ReceivedRequest> ring = new ArrayDeque<>(CAPACITY);

  synchronized void record(ReceivedRequest request) {
    if (ring.size() == CAPACITY) {
      ring.removeFirst();
    }
    ring.addLast(request);
  }

  /** Oldest first, newest last. */
  synchronized List<ReceivedRequest> snapshot() {
    return List.copyOf(ring);
  }

  synchronized void clear() {
    ring.clear();
  }
}
