package dev.gatehouse.policy.masking;

/** A half-open range {@code [from, to)} of a text packed into a {@code long}, to avoid garbage. */
final class Window {

  static final long NONE = -1L;

  private Window() {}

  static long of(int from, int to) {
    return ((long) from << 32) | (to & 0xffffffffL);
  }

  static int from(long window) {
    return (int) (window >>> 32);
  }

  static int to(long window) {
    return (int) window;
  }
}
