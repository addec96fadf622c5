package dev.gatehouse.policy.masking;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

  private static final String[] TEXT_PATHS = {
    "/choices/0/delta/content",
    "/choices/0/text",
    "/choices/0/message/content",
    "/delta/text",
    "/message/content",
    "/response"
  };

  private final InputStream upstream;
  private final Masker masker;
  private final HoldBack holdBack;
  private final MaskingListener listener;
  private final Set<String> reported = new HashSet<>();
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);

  private final byte[] readBuffer = new byte[READ];
  private ByteBuffer undecoded = ByteBuffer.allocate(READ + 8);
  private final StringBuilder raw = new StringBuilder();
  private final StringBuilder transcript = new StringBuilder();
  private final Deque<HeldEvent> held = new ArrayDeque<>();
  private int heldChars;
  private int suppressUntil;

  private final StringBuilder ready = new StringBuilder();
  private boolean upstreamDone;

  private record HeldEvent(
      List<String> lines,
      String terminator,
      String original,
      JsonObject json,
      String pointer,
      String payload,
      int start,
      int end) {

    HeldEvent shift(int by) {
      return new HeldEvent(
          lines, terminator, original, json, pointer, payload, start - by, end - by);
    }
  }

  public SseMaskingStream(
      InputStream upstream, Masker masker, int window, int pemWindow, MaskingListener listener) {
    this.upstream = upstream;
    this.masker = masker;
    this.holdBack = new HoldBack(window, pemWindow);
    this.listener = listener;
  }

  @Override
  protected void fill() throws IOException {
    int n = upstreamDone ? -1 : upstream.read(readBuffer);
    try {
      if (n < 0) {
        upstreamDone = true;
        decode(readBuffer, 0, true);
        splitEvents();
        if (raw.length() > 0) {
          accept(raw.toString(), "");
          raw.setLength(0);
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
    ready.setLength(0);
    ready.append(ERROR_EVENT);
    listener.failed(e);
  }

  private void splitEvents() throws MaskingFailed {
    while (true) {
      int[] boundary = nextBoundary();
      if (boundary == null) {
        if (raw.length() > MAX_EVENT_CHARS) {
          throw new MaskingFailed(
              "A server-sent event exceeds " + MAX_EVENT_CHARS + " chars", null);
        }
        return;
      }
      String text = raw.substring(0, boundary[0]);
      String terminator = raw.substring(boundary[0], boundary[1]);
      raw.delete(0, boundary[1]);
      accept(text, terminator);
    }
  }

  /** The earliest blank line: {@code [start of terminator, end of terminator]} or null. */
  private int[] nextBoundary() {
    int best = -1;
    int bestEnd = -1;
    for (String t : new String[] {"\r\n\r\n", "\n\n", "\r\r"}) {
      int at = raw.indexOf(t);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
        bestEnd = at + t.length();
      }
    }
    return best < 0 ? null : new int[] {best, bestEnd};
  }

  private void accept(String text, String terminator) throws MaskingFailed {
    List<String> lines = List.of(text.split("\r\n|\n|\r", -1));
    StringBuilder payload = new StringBuilder();
    boolean anyData = false;
    for (String line : lines) {
      if (line.startsWith("data:")) {
        String value = line.substring(5);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        if (anyData) {
          payload.append('\n');
        }
        payload.append(value);
        anyData = true;
      }
    }
    String data = payload.toString();
    JsonObject json = null;
    String pointer = null;
    String content = "";
    if (data.startsWith("{")) {
      try (JsonReader reader = Json.createReader(new StringReader(data))) {
        json = reader.readObject();
      } catch (RuntimeException e) {
        // not JSON, or nested past the parser's depth guard: masked as text
        json = null;
      }
    }
    if (json != null) {
      for (String path : TEXT_PATHS) {
        String found = stringAt(json, path);
        if (found != null) {
          pointer = path;
          content = found;
          break;
        }
      }
    } else if (anyData && !data.equals("[DONE]")) {
      content = data;
    }
    int start = transcript.length();
    transcript.append(content);
    held.add(
        new HeldEvent(
            lines,
            terminator,
            text,
            json,
            pointer,
            anyData ? data : null,
            start,
            transcript.length()));
    heldChars += text.length() + terminator.length();
    if (heldChars > MAX_HELD_CHARS) {
      throw new MaskingFailed("Too much of the stream is held for masking", null);
    }
  }

  /** The string at a simple pointer (object members and array indexes), or {@code null}. */
  private static String stringAt(JsonObject json, String path) {
    JsonValue current = json;
    for (String token : path.substring(1).split("/")) {
      if (current instanceof JsonObject object) {
        current = object.get(token);
      } else if (current instanceof JsonArray array
          && !token.isEmpty()
          && token.chars().allMatch(Character::isDigit)
          && Integer.parseInt(token) < array.size()) {
        current = array.get(Integer.parseInt(token));
      } else {
        return null;
      }
      if (current == null) {
        return null;
      }
    }
    return current instanceof JsonString string ? string.getString() : null;
  }

  private void release(boolean all) throws MaskingFailed {
    if (held.isEmpty()) {
      return;
    }
    List<Finding> findings = masker.find(transcript);
    int point = all ? transcript.length() : holdBack.safePoint(transcript, findings);
    boolean any = false;
    while (!held.isEmpty() && held.peek().end() <= point) {
      HeldEvent event = held.poll();
      heldChars -= event.original().length() + event.terminator().length();
      ready.append(render(event, findings));
      any = true;
    }
    if (!any) {
      return;
    }
    int trimTo = held.isEmpty() ? transcript.length() : held.peek().start();
    int suppress = suppressUntil - trimTo;
    for (Finding f : findings) {
      if (f.start() < trimTo) {
        suppress = Math.max(suppress, f.end() - trimTo);
      }
    }
    suppressUntil = Math.max(0, suppress);
    transcript.delete(0, trimTo);
    int count = held.size();
    for (int i = 0; i < count; i++) {
      held.add(held.poll().shift(trimTo));
    }
  }

  private String render(HeldEvent event, List<Finding> findings) {
    for (Finding f : findings) {
      if (f.start() < event.end() && f.end() > event.start() && reported.add(f.detector().name())) {
        listener.masked(f.detector());
      }
    }
    if (event.payload() == null) {
      String masked = masker.mask(event.original());
      return masked + event.terminator();
    }
    String content = transcript.substring(event.start(), event.end());
    String maskedContent =
        masker.render(transcript, findings, event.start(), event.end(), suppressUntil);
    String payload;
    if (event.json() != null && event.pointer() != null) {
      payload =
          maskedContent.equals(content)
              ? event.payload()
              : Json.createPointer(event.pointer())
                  .replace(event.json(), Json.createValue(maskedContent))
                  .toString();
    } else if (event.json() == null && !event.payload().equals("[DONE]")) {
      payload = maskedContent;
    } else {
      payload = event.payload();
    }
    payload = masker.mask(payload);
    if (payload.equals(event.payload())) {
      String others = masker.mask(event.original());
      return others + event.terminator();
    }
    String newline =
        event.terminator().startsWith("\r\n")
            ? "\r\n"
            : event.terminator().startsWith("\r") ? "\r" : "\n";
    List<String> lines = new ArrayList<>();
    boolean dataWritten = false;
    for (String line : event.lines()) {
      if (!line.startsWith("data:")) {
        lines.add(masker.mask(line));
      } else if (!dataWritten) {
        for (String part : payload.split("\n", -1)) {
          lines.add("data: " + part);
        }
        dataWritten = true;
      }
    }
    StringBuilder rebuilt = new StringBuilder(String.join(newline, lines));
    return rebuilt.append(event.terminator()).toString();
  }

  private void decode(byte[] bytes, int n, boolean end) {
    if (undecoded.remaining() < n) {
      ByteBuffer bigger = ByteBuffer.allocate(undecoded.position() + n + 8);
      undecoded.flip();
      bigger.put(undecoded);
      undecoded = bigger;
    }
    undecoded.put(bytes, 0, n);
    undecoded.flip();
    CharBuffer chars = CharBuffer.allocate(undecoded.remaining() + 8);
    decoder.decode(undecoded, chars, end);
    if (end) {
      decoder.flush(chars);
    }
    chars.flip();
    raw.append(chars);
    undecoded.compact();
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
