package dev.gatehouse.exchange;

import java.io.IOException;
import java.io.InputStream;

/**
 * The read side the streams that rework an answer on its way share (the maskers, the agent floor's
 * filters and guards): hands out, chunk by chunk, what a subclass's {@link #fill()} releases, then
 * ends — or, once a failure was recorded, throws it on every further read, so nothing after a
 * failure ever reaches the caller.
 */
public abstract class HandOutStream extends InputStream {

  private byte[] out = new byte[0];
  private int outPos;
  private boolean finished;
  private IOException failure;

  /**
   * Reads on from upstream and calls {@link #handOut}, {@link #finish} or {@link #recordFailure};
   * called whenever everything handed out so far has been read.
   */
  protected abstract void fill() throws IOException;

  /** Makes {@code chunk} the next bytes to hand out (may be empty: nothing is safe yet). */
  protected final void handOut(byte[] chunk) {
    out = chunk;
    outPos = 0;
  }

  /** Ends the stream once what was handed out has been read. */
  protected final void finish() {
    finished = true;
  }

  /** Drops whatever was not read yet; every further read throws {@code e}. */
  protected final void recordFailure(IOException e) {
    failure = e;
    out = new byte[0];
    outPos = 0;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (outPos >= out.length) {
      if (failure != null) {
        throw failure;
      }
      if (finished) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, out.length - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    return n;
  }
}
