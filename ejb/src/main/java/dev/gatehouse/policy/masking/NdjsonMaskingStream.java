package dev.gatehouse.policy.masking;

import java.io.InputStream;

/**
 * Masks newline-delimited JSON ({@code application/x-ndjson}, as Ollama streams: one JSON object a
 * line) line by line ({@link EventMaskingStream}): each line is an event and its own payload; a
 * line that is not JSON is streamed text. Line ends are kept as they came. On failure a line {@code
 * {"error":…}} is sent before the stream breaks off.
 */
public final class NdjsonMaskingStream extends EventMaskingStream {

  static final String ERROR_LINE =
      "{\"error\":\"The gateway cut the stream because masking failed.\"}\n";

  /** How far {@link #raw} has been searched for a line end. */
  private int scanned;

  public NdjsonMaskingStream(
      InputStream upstream, Masker masker, int window, int pemWindow, MaskingListener listener) {
    super(upstream, masker, window, pemWindow, listener);
  }

  @Override
  protected void splitEvents() throws MaskingFailed {
    int start = 0;
    for (int i = scanned; i < raw.length(); i++) {
      if (raw.charAt(i) == '\n') {
        int end = i > start && raw.charAt(i - 1) == '\r' ? i - 1 : i;
        accept(raw.substring(start, end), raw.substring(end, i + 1));
        start = i + 1;
      }
    }
    if (upstreamDone && raw.length() > start) {
      accept(raw.substring(start), "");
      start = raw.length();
    }
    raw.delete(0, start);
    scanned = raw.length();
    if (scanned > MAX_EVENT_CHARS) {
      throw new MaskingFailed("A JSON line exceeds " + MAX_EVENT_CHARS + " chars", null);
    }
  }

  @Override
  protected String payload(String line) {
    return line;
  }

  @Override
  protected boolean textPayload(String payload) {
    return !payload.isBlank();
  }

  @Override
  protected int payloadAt(String line, String payload) {
    return 0;
  }

  @Override
  protected String withPayload(String line, String terminator, String payload) {
    return payload;
  }

  @Override
  protected String errorEvent() {
    return ERROR_LINE;
  }
}
