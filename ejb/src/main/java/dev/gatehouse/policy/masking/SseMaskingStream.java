package dev.gatehouse.policy.masking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks a {@code text/event-stream} event by event, including secrets that a model streams in
 * pieces across several events.
 *
 * <p>How: each complete event's text — the completion delta of an OpenAI, Anthropic or Ollama
 * streaming chunk, or the raw {@code data:} payload when it is not JSON — is appended to a running
 * transcript of the stream. An event is released as soon as its text lies wholly before the {@link
 * HoldBack hold-back point} of that transcript; a finding that spans events is replaced in the
 * event where it starts and its remaining characters are dropped from the events that follow. Every
 * released event is also masked on its own (other JSON fields, comments, event names). Event
 * framing ({@code data:}/{@code event:}/{@code id:} lines and the blank line ending each event) is
 * kept; an event that needed no change goes out byte for byte.
 *
 * <p>Fails closed: on a detector error, an oversize event or an open PEM block beyond its window,
 * an SSE {@code error} event is sent and the stream then breaks off with {@link MaskingFailed}.
 */
public final class SseMaskingStream extends HandOutStream {

  private static final int READ = 8192;
  private static final int MAX_EVENT_CHARS = 1 << 20;
  private static final int MAX_HELD_CHARS = 4 << 20;

  static final String ERROR_EVENT =
      "event: error\ndata: {\"error\":{\"type\":\"gateway_masking_failed\",\"message\":\"The"
          + " gateway cut the stream because masking failed.\"}}\n\n";

  private final InputStream upstream;
  private final Masker masker;
  private final HoldBack holdBack;
  private final MaskingListener listener;
  private final Set<String> reported = new HashSet<>();
  private final Utf8Chunks utf8 = new Utf8Chunks();

  private final byte[] readBuffer = new byte[READ];

  /** Text read but not yet split into events: {@code raw[rawStart..]}. */
  private final StringBuilder raw = new StringBuilder();

  private int rawStart;

  /** Where the search for the next blank line goes on, relative to {@link #rawStart}. */
  private int scanned;

  private final StringBuilder transcript = new StringBuilder();
  private final Deque<HeldEvent> held = new ArrayDeque<>();
  private int heldChars;

  /** Transcript offset (counted from the start of the stream) of the held events' first char. */
  private long transcriptBase;

  private int suppressUntil;

  private final StringBuilder ready = new StringBuilder();

  /** Whether the masker has only built-in detectors (see {@link #aroundCompletion}). */
  private final boolean builtInOnly;

  /** The last event, completion text emptied, in which the masker found nothing. */
  private String lastClean;

  private boolean upstreamDone;

  /**
   * One event waiting for release.
   *
   * @param original the event's text without its terminator
   * @param payload its {@code data:} lines joined, or {@code null} when it has none
   * @param text where the completion text lies in the payload, if JSON
   * @param start where its completion text starts in the stream's transcript
   * @param end where it ends
   */
  private record HeldEvent(
      String original,
      String terminator,
      String payload,
      CompletionText text,
      long start,
      long end) {}

  public SseMaskingStream(
      InputStream upstream, Masker masker, int window, int pemWindow, MaskingListener listener) {
    this.upstream = upstream;
    this.masker = masker;
    this.holdBack = new HoldBack(window, pemWindow);
    this.listener = listener;
    this.builtInOnly = masker.builtInOnly();
  }

  @Override
  protected void fill() throws IOException {
    int n = upstreamDone ? -1 : upstream.read(readBuffer);
    try {
      if (n < 0) {
        upstreamDone = true;
        decode(readBuffer, 0, true);
        splitEvents();
        if (raw.length() > rawStart) {
          accept(raw.substring(rawStart), "");
          raw.setLength(0);
          rawStart = 0;
        }
        release(true);
        finish();
      } else {
        decode(readBuffer, n, false);
        splitEvents();
        release(false);
      }
    } catch (MaskingFailed e) {
      fail(e);
    } catch (RuntimeException e) {
      fail(new MaskingFailed("A masking detector failed", e));
    }
    handOut(ready.toString().getBytes(StandardCharsets.UTF_8));
    ready.setLength(0);
  }

  private void fail(MaskingFailed e) {
    recordFailure(e);
    held.clear();
    transcript.setLength(0);
    raw.setLength(0);
    rawStart = 0;
    ready.setLength(0);
    ready.append(ERROR_EVENT);
    listener.failed(e);
  }

  private void splitEvents() throws MaskingFailed {
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
    if (raw.length() - rawStart > MAX_EVENT_CHARS) {
      throw new MaskingFailed("A server-sent event exceeds " + MAX_EVENT_CHARS + " chars", null);
    }
    // Drop what was split off once per read, not once per event.
    raw.delete(0, rawStart);
    rawStart = 0;
  }

  private int boundaryEnd;

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

  private void accept(String text, String terminator) throws MaskingFailed {
    String payload = payload(text);
    CompletionText completion = CompletionText.NOT_JSON;
    String content = "";
    if (payload != null) {
      if (!payload.isEmpty() && payload.charAt(0) == '{') {
        completion = CompletionText.in(payload);
      }
      if (completion.json()) {
        content = completion.found() ? completion.text : "";
      } else if (!payload.equals("[DONE]")) {
        content = payload;
      }
    }
    long start = transcriptBase + transcript.length();
    transcript.append(content);
    held.add(
        new HeldEvent(
            text, terminator, payload, completion, start, transcriptBase + transcript.length()));
    heldChars += text.length() + terminator.length();
    if (heldChars > MAX_HELD_CHARS) {
      throw new MaskingFailed("Too much of the stream is held for masking", null);
    }
  }

  /** The event's {@code data:} values joined by newlines, or {@code null} when it has none. */
  private static String payload(String event) {
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

  private void release(boolean all) throws MaskingFailed {
    if (held.isEmpty()) {
      return;
    }
    List<Finding> findings = masker.find(transcript);
    int point = all ? transcript.length() : holdBack.safePoint(transcript, findings);
    boolean any = false;
    while (!held.isEmpty() && held.peek().end() - transcriptBase <= point) {
      HeldEvent event = held.poll();
      heldChars -= event.original().length() + event.terminator().length();
      render(event, findings, ready);
      any = true;
    }
    if (!any) {
      return;
    }
    int trimTo =
        held.isEmpty() ? transcript.length() : (int) (held.peek().start() - transcriptBase);
    int suppress = suppressUntil - trimTo;
    for (Finding f : findings) {
      if (f.start() < trimTo) {
        suppress = Math.max(suppress, f.end() - trimTo);
      }
    }
    suppressUntil = Math.max(0, suppress);
    transcript.delete(0, trimTo);
    transcriptBase += trimTo;
  }

  /** Appends the event, masked, with its terminator to {@code out}. */
  private void render(HeldEvent event, List<Finding> findings, StringBuilder out) {
    int start = (int) (event.start() - transcriptBase);
    int end = (int) (event.end() - transcriptBase);
    for (Finding f : findings) {
      if (f.start() < end && f.end() > start && reported.add(f.detector().name())) {
        listener.masked(f.detector());
      }
    }
    if (event.payload() == null) {
      out.append(masker.mask(event.original())).append(event.terminator());
      return;
    }
    String payload = event.payload();
    if (end > start || suppressUntil > start) {
      String content = transcript.substring(start, end);
      String maskedContent = masker.render(transcript, findings, start, end, suppressUntil);
      if (!maskedContent.equals(content)) {
        CompletionText text = event.text();
        payload =
            text.found()
                ? payload.substring(0, text.start)
                    + CompletionText.quote(maskedContent)
                    + payload.substring(text.end)
                : maskedContent;
      }
    }
    String around = aroundCompletion(event);
    if (around != null && clean(around)) {
      // Nothing to hide around the completion text, whose masking the transcript already did.
      if (payload == event.payload()) {
        out.append(event.original());
      } else {
        String original = event.original();
        out.append(original, 0, original.length() - event.payload().length()).append(payload);
      }
      out.append(event.terminator());
      return;
    }
    if (payload == event.payload()) {
      out.append(masker.mask(event.original())).append(event.terminator());
      return;
    }
    payload = masker.mask(payload);
    String terminator = event.terminator();
    String newline =
        terminator.startsWith("\r\n") ? "\r\n" : terminator.startsWith("\r") ? "\r" : "\n";
    StringBuilder rebuilt = new StringBuilder(event.original().length() + 16);
    boolean dataWritten = false;
    String original = event.original();
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
    out.append(rebuilt).append(terminator);
  }

  /**
   * The event with its completion text emptied ({@code "content":""}), when the event is one {@code
   * data:} line (after any other lines) holding a JSON chunk with completion text, and the masker
   * has only built-in detectors; else {@code null}. None of the built-in detectors' matches can
   * reach from the other fields into a JSON string's text but a PEM block, which the event itself
   * then shows: so when this form is clean, the event needs no masking beyond its completion text.
   * Chunks of one stream differ mostly in that text, so this form is usually the previous event's
   * and checked once ({@link #clean}).
   */
  private String aroundCompletion(HeldEvent event) {
    CompletionText text = event.text();
    String payload = event.payload();
    String original = event.original();
    if (!builtInOnly || !text.found() || !original.endsWith(payload)) {
      return null;
    }
    int data = original.length() - payload.length();
    data -= data > 0 && original.charAt(data - 1) == ' ' ? 6 : 5;
    if (data < 0
        || !original.startsWith("data:", data)
        || (data > 0 && original.charAt(data - 1) != '\n' && original.charAt(data - 1) != '\r')
        || payload.indexOf('\n') >= 0
        || payload.indexOf('\r') >= 0
        || original.lastIndexOf("data:", data - 1) >= 0) {
      return null;
    }
    return original.substring(0, original.length() - payload.length() + text.start)
        + "\"\""
        + payload.substring(text.end);
  }

  /** Whether the masker finds nothing in the text; the last clean text is remembered. */
  private boolean clean(String text) {
    if (text.equals(lastClean)) {
      return true;
    }
    if (!masker.find(text).isEmpty()) {
      return false;
    }
    lastClean = text;
    return true;
  }

  private static void append(StringBuilder out, String line, String newline) {
    if (out.length() > 0) {
      out.append(newline);
    }
    out.append(line);
  }

  private void decode(byte[] bytes, int n, boolean end) {
    raw.append(end ? utf8.finish() : utf8.decode(bytes, n));
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
