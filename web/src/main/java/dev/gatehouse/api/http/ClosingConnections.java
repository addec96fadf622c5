package dev.gatehouse.api.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections that must not serve another request: those whose last request was chunked or refused
 * for its framing. Answering such a request with {@code Connection: close} is not enough — Payara's
 * Grizzly still parses and serves a request already pipelined behind it (its answer is only
 * dropped) — so the next request seen on the same connection within a short window is refused.
 *
 * <p>A connection is known by the client's address and port and the TLS session id, the closest the
 * servlet API comes to a connection identity; the window is short, so a later connection that
 * happens to reuse the same port and session is not mistaken for it.
 */
final class ClosingConnections {

  private static final long WINDOW_NANOS = 10_000_000_000L;
  private static final int SWEEP_ABOVE = 1024;

  private final Map<String, Long> closing = new ConcurrentHashMap<>();

  /** Marks the connection as closing: nothing more may be served on it. */
  void markClosing(String connection) {
    if (closing.size() > SWEEP_ABOVE) {
      long now = System.nanoTime();
      closing.values().removeIf(until -> until - now < 0);
    }
    closing.put(connection, System.nanoTime() + WINDOW_NANOS);
  }

  /** True when a request arrives on a connection that was marked closing moments ago. */
  boolean isClosing(String connection) {
    Long until = closing.get(connection);
    return until != null && until - System.nanoTime() > 0;
  }
}
