package dev.gatehouse.proxy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A backend's response body cut off at the connection's {@code maxResponseBytes}: reading past the
 * limit closes the backend stream and fails, so the relay to the caller breaks off instead of
 * passing an unbounded body through. (A declared {@code Content-Length} over the limit is refused
 * with 502 {@code response_too_large} before anything is relayed.)
 */
final class BoundedResponseStream extends FilterInputStream {

  private final long limit;
  private long count;

  BoundedResponseStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  private void add(long n) throws IOException {
    count += n;
    if (count > limit) {
      close();
      throw new IOException("response_too_large: the backend's body exceeds maxResponseBytes");
    }
  }
}
