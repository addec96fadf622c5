package dev.gatehouse.policy.masking;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An upstream that hands out one given chunk per read, counting its reads. */
final class Chunks extends InputStream {

  private final List<byte[]> chunks;
  private int next;
  int reads;

  Chunks(List<byte[]> chunks) {
    this.chunks = chunks;
  }

  static Chunks of(String... parts) {
    List<byte[]> list = new ArrayList<>();
    for (String part : parts) {
      list.add(part.getBytes(StandardCharsets.UTF_8));
    }
    return new Chunks(list);
  }

  /** Every byte on its own. */
  static Chunks bytewise(String text) {
    List<byte[]> list = new ArrayList<>();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      list.add(new byte[] {b});
    }
    return new Chunks(list);
  }

  @Override
  public int read() {
    throw new UnsupportedOperationException();
  }

  @Override
  public int read(byte[] b, int off, int len) {
    reads++;
    if (next >= chunks.size()) {
      return -1;
    }
    byte[] chunk = chunks.get(next);
    int n = Math.min(len, chunk.length);
    System.arraycopy(chunk, 0, b, off, n);
    if (n < chunk.length) {
      chunks.set(next, java.util.Arrays.copyOfRange(chunk, n, chunk.length));
    } else {
      next++;
    }
    return n;
  }
}
