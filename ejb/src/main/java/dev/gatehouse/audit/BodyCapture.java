package dev.gatehouse.audit;

import java.io.ByteArrayOutputStream;

/**
 * Keeps the first {@code limit} bytes of a body and counts all of them: what a transcript needs,
 * without ever holding more than the cap.
 */
final class BodyCapture {

  private final int limit;
  private final ByteArrayOutputStream kept;
  private long total;

  BodyCapture(int limit) {
    this.limit = Math.max(0, limit);
    this.kept = new ByteArrayOutputStream(Math.min(this.limit, 8192));
  }

  synchronized void append(byte[] bytes, int offset, int length) {
    if (length <= 0) {
      return;
    }
    int room = (int) Math.max(0, limit - (long) kept.size());
    if (room > 0) {
      kept.write(bytes, offset, Math.min(room, length));
    }
    total += length;
  }

  synchronized byte[] kept() {
    return kept.toByteArray();
  }

  synchronized long total() {
    return total;
  }

  synchronized boolean truncated() {
    return total > kept.size();
  }
}
