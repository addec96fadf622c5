package dev.gatehouse.agent;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Passes a response body through unchanged and hands what it carried, as text, to a consumer when
 * it has been read to its end — at most {@link #MAX_BYTES} of it (a longer answer is not read for
 * agent facts). Sits outside the masker, so it reads what the caller reads.
 */
final class ResponseTap extends FilterInputStream {

  static final int MAX_BYTES = 1024 * 1024;

  private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
  private final Consumer<String> atEnd;
  private boolean overflowed;
  private boolean done;

  ResponseTap(InputStream body, Consumer<String> atEnd) {
    super(body);
    this.atEnd = atEnd;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      end();
    } else {
      keep(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      end();
    } else {
      keep(buffer, offset, n);
    }
    return n;
  }

  private void keep(byte[] buffer, int offset, int n) {
    if (!overflowed && seen.size() + n <= MAX_BYTES) {
      seen.write(buffer, offset, n);
    } else {
      overflowed = true;
    }
  }

  private void end() {
    if (!done && !overflowed) {
      done = true;
      atEnd.accept(seen.toString(StandardCharsets.UTF_8));
    }
  }
}
