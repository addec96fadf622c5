package dev.gatehouse.demo.agent;

/**
 * Deliberate delays for streaming and slow test responses. Interruption (the agent shutting down)
 * becomes an unchecked exception so the request ends instead of carrying on unpaced.
 */
final class Pause {

  private Pause() {}

  static void millis(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while pausing", e);
    }
  }
}
