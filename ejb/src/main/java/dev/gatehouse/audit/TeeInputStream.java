package dev.gatehouse.audit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Copies into a {@link BodyCapture} whatever is read through it: set as the response body so the
 * transcript is captured from the stream as it is relayed, chunk by chunk, without the caller's
 * response ever being buffered.
 */
final class TeeInputStream extends FilterInputStream {

  private final BodyCapture capture;

  TeeInputStream(InputStream in, BodyCapture capture) {
    super(in);
    this.capture = capture;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      capture.append(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      capture.append(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] sink = new byte[(int) Math.min(8192, Math.max(0, n))];
    int read = read(sink, 0, sink.length);
    return Math.max(0, read);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
