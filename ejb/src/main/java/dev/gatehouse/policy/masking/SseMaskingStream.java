package dev.gatehouse.policy.masking;

import java.io.InputStream;

/**
 * Masks a {@code text/event-stream} event by event ({@link EventMaskingStream}): an event is the
 * text up to a blank line, its payload its {@code data:} lines joined; a payload that is not JSON
 * is streamed text, but {@code [DONE]}. Event framing ({@code data:}/{@code event:}/{@code id:}
 * lines and the blank line ending each event) is kept. On failure an SSE {@code error} event is
 * sent before the stream breaks off.
 */
public final class SseMaskingStream extends EventMaskingStream {

  static final String ERROR_EVENT =
      "event: error\ndata: {\"error\":{\"type\":\"gateway_masking_failed\",\"message\":\"The"
          + " gateway cut the stream because masking failed.\"}}\n\n";

  private final Masker masker;

  /** Where the next event starts in {@link #raw}. */
  private int rawStart;

  /** Where the search for the next blank line goes on, relative to {@link #rawStart}. */
  private int scanned;

  private int boundaryEnd;

  public SseMaskingStream(
      InputStream upstream, Masker masker, int window, int pemWindow, MaskingListener listener) {
    super(upstream, masker, window, pemWindow, listener);
    this.masker = masker;
  }

  @Override
  protected void splitEvents() throws MaskingFailed {
    while (true) {
      int boundary = nextBoundary();
      if (boundary < 0) {
        break;
      }
      int terminatorEnd = boundaryEnd;
      accept(raw.substring(rawStart, boundary), raw.substring(boundary, terminatorEnd));
      rawStart = terminatorEnd;
      scanned = 0;
    }
    if (upstreamDone && raw.length() > rawStart) {
      accept(raw.substring(rawStart), "");
      rawStart = raw.length();
    }
    if (raw.length() - rawStart > MAX_EVENT_CHARS) {
      throw new MaskingFailed("A server-sent event exceeds " + MAX_EVENT_CHARS + " chars", null);
    }
    // Drop what was split off once per read, not once per event.
    raw.delete(0, rawStart);
    rawStart = 0;
  }

  /**
   * The start of the earliest blank line (a line end followed by another: {@code \n\n}, {@code
   * \r\n\r\n}, {@code \r\r}, …) after {@link #rawStart}, or -1; sets {@link #boundaryEnd}.
   */
  private int nextBoundary() {
    int length = raw.length();
    int i = rawStart + scanned;
    while (i < length) {
      char c = raw.charAt(i);
      if (c != '\n' && c != '\r') {
        i++;
        continue;
      }
      int first = lineEnd(i, length);
      if (first < 0) {
        break;
      }
      if (first < length) {
        char d = raw.charAt(first);
        if (d == '\n' || d == '\r') {
          int second = lineEnd(first, length);
          if (second < 0) {
            break;
          }
          boundaryEnd = second;
          return i;
        }
        i = first;
        continue;
      }
      break;
    }
    // Look again from the last line end: it may pair with what comes next.
    scanned = Math.max(0, Math.min(i, length) - rawStart);
    return -1;
  }

  /** The end of the line terminator at {@code at}, or -1 if a {@code \r} may still become CRLF. */
  private int lineEnd(int at, int length) {
    if (raw.charAt(at) == '\n') {
      return at + 1;
    }
    if (at + 1 < length) {
      return raw.charAt(at + 1) == '\n' ? at + 2 : at + 1;
    }
    return upstreamDone ? at + 1 : -1;
  }

  /** The event's {@code data:} values joined by newlines, or {@code null} when it has none. */
  @Override
  protected String payload(String event) {
    String single = null;
    StringBuilder joined = null;
    int at = 0;
    while (at <= event.length()) {
      int end = at;
      while (end < event.length() && event.charAt(end) != '\n' && event.charAt(end) != '\r') {
        end++;
      }
      if (event.startsWith("data:", at)) {
        int from = at + 5;
        if (from < end && event.charAt(from) == ' ') {
          from++;
        }
        String value = event.substring(from, end);
        if (single == null && joined == null) {
          single = value;
        } else {
          if (joined == null) {
            joined = new StringBuilder(single);
          }
          joined.append('\n').append(value);
        }
      }
      if (end < event.length()
          && event.charAt(end) == '\r'
          && end + 1 < event.length()
          && event.charAt(end + 1) == '\n') {
        end++;
      }
      at = end + 1;
    }
    return joined != null ? joined.toString() : single;
  }

  @Override
  protected boolean textPayload(String payload) {
    return !payload.equals("[DONE]");
  }

  /** Where the payload starts when it is the event's one {@code data:} line, its last line. */
  @Override
  protected int payloadAt(String event, String payload) {
    if (!event.endsWith(payload) || payload.indexOf('\n') >= 0 || payload.indexOf('\r') >= 0) {
      return -1;
    }
    int at = event.length() - payload.length();
    int data = at - (at > 0 && event.charAt(at - 1) == ' ' ? 6 : 5);
    if (data < 0
        || !event.startsWith("data:", data)
        || (data > 0 && event.charAt(data - 1) != '\n' && event.charAt(data - 1) != '\r')
        || event.lastIndexOf("data:", data - 1) >= 0) {
      return -1;
    }
    return at;
  }

  /** The event with its {@code data:} lines rewritten to the payload, other lines masked. */
  @Override
  protected String withPayload(String original, String terminator, String payload) {
    String newline =
        terminator.startsWith("\r\n") ? "\r\n" : terminator.startsWith("\r") ? "\r" : "\n";
    StringBuilder rebuilt = new StringBuilder(original.length() + 16);
    boolean dataWritten = false;
    int at = 0;
    while (at <= original.length()) {
      int lineEnd = at;
      while (lineEnd < original.length()
          && original.charAt(lineEnd) != '\n'
          && original.charAt(lineEnd) != '\r') {
        lineEnd++;
      }
      String line = original.substring(at, lineEnd);
      if (!line.startsWith("data:")) {
        append(rebuilt, masker.mask(line), newline);
      } else if (!dataWritten) {
        int from = 0;
        for (int nl = payload.indexOf('\n'); ; nl = payload.indexOf('\n', from)) {
          append(
              rebuilt, "data: " + payload.substring(from, nl < 0 ? payload.length() : nl), newline);
          if (nl < 0) {
            break;
          }
          from = nl + 1;
        }
        dataWritten = true;
      }
      if (lineEnd < original.length()
          && original.charAt(lineEnd) == '\r'
          && lineEnd + 1 < original.length()
          && original.charAt(lineEnd + 1) == '\n') {
        lineEnd++;
      }
      at = lineEnd + 1;
    }
    return rebuilt.toString();
  }

  private static void append(StringBuilder out, String line, String newline) {
    if (out.length() > 0) {
      out.append(newline);
    }
    out.append(line);
  }

  @Override
  protected String errorEvent() {
    return ERROR_EVENT;
  }
}
