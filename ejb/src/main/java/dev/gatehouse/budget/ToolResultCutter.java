package dev.gatehouse.budget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Relays the event-stream answer to an MCP tool call one whole event at a time while the events
 * stay within {@code limit} bytes in all. The event that would pass the limit is never relayed, not
 * even in part: the stream ends there with one event the gateway writes (a JSON-RPC error for the
 * call), so however the backend chunks its answer, at most {@code limit} bytes of it reach the
 * caller, and the caller still reads an answer to its call. An event is held only until it is
 * complete or can no longer fit, so memory stays within the limit too.
 */
final class ToolResultCutter extends InputStream {

  private static final int CHUNK = 8192;

  private final InputStream upstream;
  private final long limit;
  private final byte[] cutEvent;
  private final Runnable onCut;

  /** The start of an event not yet complete: {@code held[0..heldLength)}. */
  private byte[] held = new byte[CHUNK];

  private int heldLength;

  /** Where the search for the held event's end goes on from. */
  private int scanFrom;

  private long relayed;
  private byte[] ready = new byte[0];
  private int readyAt;
  private boolean done;

  /**
   * @param cutEvent what ends a stream that was cut, written whole
   * @param onCut run once, when the stream is cut
   */
  ToolResultCutter(InputStream upstream, long limit, byte[] cutEvent, Runnable onCut) {
    this.upstream = upstream;
    this.limit = limit;
    this.cutEvent = cutEvent.clone();
    this.onCut = onCut;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (readyAt >= ready.length) {
      if (done) {
        return -1;
      }
      fill();
    }
    int n = Math.min(length, ready.length - readyAt);
    System.arraycopy(ready, readyAt, buffer, offset, n);
    readyAt += n;
    return n;
  }

  private void fill() throws IOException {
    byte[] chunk = new byte[CHUNK];
    int n = upstream.read(chunk);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (n < 0) {
      // The backend ended: what is held (an event without its blank line) goes if it fits.
      if (heldLength > 0 && !fits(heldLength)) {
        cut(out);
      } else {
        out.write(held, 0, heldLength);
        heldLength = 0;
      }
      done = true;
    } else {
      hold(chunk, n);
      int start = 0;
      for (int end = eventEnd(); end > 0 && !done; end = eventEnd()) {
        int length = end - start;
        if (!fits(length)) {
          cut(out);
          break;
        }
        out.write(held, start, length);
        relayed += length;
        start = end;
        scanFrom = end;
      }
      if (!done) {
        // Keep only the start of the next event; it need not wait for its end if it cannot fit.
        System.arraycopy(held, start, held, 0, heldLength - start);
        heldLength -= start;
        scanFrom -= start;
        if (!fits(heldLength)) {
          cut(out);
        }
      }
    }
    ready = out.toByteArray();
    readyAt = 0;
  }

  private boolean fits(long length) {
    return relayed + length <= limit;
  }

  private void cut(ByteArrayOutputStream out) {
    out.writeBytes(cutEvent);
    heldLength = 0;
    done = true;
    onCut.run();
  }

  private void hold(byte[] chunk, int n) {
    if (heldLength + n > held.length) {
      held = Arrays.copyOf(held, Math.max(held.length * 2, heldLength + n));
    }
    System.arraycopy(chunk, 0, held, heldLength, n);
    heldLength += n;
  }

  /** The end (after its blank line) of the event that starts at {@code scanFrom}'s event, or 0. */
  private int eventEnd() {
    for (int i = Math.max(scanFrom, 1); i < heldLength; i++) {
      if (held[i] == '\n'
          && (held[i - 1] == '\n' || (i >= 2 && held[i - 1] == '\r' && held[i - 2] == '\n'))) {
        return i + 1;
      }
    }
    scanFrom = Math.max(scanFrom, heldLength);
    return 0;
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
