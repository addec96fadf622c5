package dev.gatehouse.agent;

import dev.gatehouse.exchange.HandOutStream;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Takes the tools a caller may not see out of an MCP answer that may list tools, as it is relayed:
 * one JSON-RPC response or batch (read whole, at most {@link #MAX_JSON_BYTES}) or an event stream,
 * event by event, so that any notification before the result still arrives when it is sent. Which
 * tools stay is the {@link Screen}'s to say, one listing at a time, before any of it is handed on.
 * A message that lists no tool, or from which no tool is taken, passes byte for byte. An answer too
 * large to read whole, a message that cannot be parsed, an event stream a client could split into
 * events differently (a lone CR, a leading BOM), or a screen that cannot decide ends the relay with
 * an error rather than pass unfiltered (fail closed).
 */
final class ToolListFilter extends HandOutStream {

  static final int MAX_JSON_BYTES = 4 * 1024 * 1024;

  private final InputStream upstream;
  private final boolean eventStream;
  private final Screen screen;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private boolean eventsSeen;

  /** Decides which tools of one listing its caller gets. */
  @FunctionalInterface
  interface Screen {

    /**
     * The tools of one {@code result.tools} array to hand on, in their order: all of them, or
     * fewer.
     *
     * @throws IOException when it cannot decide: the relay ends
     */
    List<JsonValue> kept(JsonArray tools) throws IOException;
  }

  ToolListFilter(InputStream upstream, boolean eventStream, Screen screen) {
    this.upstream = upstream;
    this.eventStream = eventStream;
    this.screen = screen;
  }

  /** Reads on until there is something to hand on: a whole event, or the whole JSON answer. */
  @Override
  protected void fill() throws IOException {
    byte[] chunk = new byte[8192];
    int n = upstream.read(chunk);
    if (n < 0) {
      byte[] rest = pending.toByteArray();
      pending.reset();
      handOut(rest.length == 0 ? new byte[0] : transform(rest));
      finish();
      return;
    }
    pending.write(chunk, 0, n);
    if (!eventStream) {
      if (pending.size() > MAX_JSON_BYTES) {
        throw new IOException("The tools/list answer is too large to filter; relay ended.");
      }
      return;
    }
    byte[] seen = pending.toByteArray();
    int end = lastEventEnd(seen);
    if (end > 0) {
      pending.reset();
      pending.write(seen, end, seen.length - end);
      handOut(transformEvents(new String(seen, 0, end, StandardCharsets.UTF_8)));
    } else if (seen.length > MAX_JSON_BYTES) {
      throw new IOException("A tools/list event is too large to filter; relay ended.");
    }
  }

  /** The end of the last complete event (after its blank line), or 0. */
  private static int lastEventEnd(byte[] text) {
    for (int i = text.length - 1; i >= 1; i--) {
      if (text[i] == '\n'
          && (text[i - 1] == '\n' || (i >= 2 && text[i - 1] == '\r' && text[i - 2] == '\n'))) {
        return i + 1;
      }
    }
    return 0;
  }

  private byte[] transform(byte[] rest) throws IOException {
    String text = new String(rest, StandardCharsets.UTF_8);
    return (eventStream
            ? new String(transformEvents(text), StandardCharsets.UTF_8)
            : filterMessage(text, text))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Each event of complete events, its data filtered where it lists tools. */
  private byte[] transformEvents(String events) throws IOException {
    // A client splits lines at a lone CR too and drops a leading BOM, where this reader does not:
    // an event it would read differently could carry a list past the screen.
    if ((!eventsSeen && events.startsWith("\uFEFF")) || hasLoneCarriageReturn(events)) {
      throw new IOException("A tools/list event stream is framed ambiguously; relay ended.");
    }
    eventsSeen = true;
    StringBuilder out = new StringBuilder(events.length());
    StringBuilder data = new StringBuilder();
    StringBuilder event = new StringBuilder();
    String type = "";
    for (String line : events.split("(?<=\n)")) {
      String bare =
          line.endsWith("\r\n")
              ? line.substring(0, line.length() - 2)
              : line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
      if (bare.isEmpty()) {
        out.append(emit(event, data, type)).append(line);
        event.setLength(0);
        data.setLength(0);
        type = "";
      } else if (bare.startsWith("data:")) {
        data.append(data.length() == 0 ? "" : "\n").append(value(bare, 5));
        event.append(line);
      } else {
        if (bare.startsWith("event:")) {
          type = value(bare, 6);
        }
        event.append(line);
      }
    }
    out.append(emit(event, data, type));
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A field's value: after its colon, less one space. */
  private static String value(String line, int colonEnd) {
    return line.substring(line.startsWith(" ", colonEnd) ? colonEnd + 1 : colonEnd);
  }

  private static boolean hasLoneCarriageReturn(String text) {
    for (int i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
      if (i + 1 == text.length() || text.charAt(i + 1) != '\n') {
        return true;
      }
    }
    return false;
  }

  /**
   * The event as it came, or with its data line replaced by the filtered message. The data of every
   * {@code message} event (the type MCP sends its JSON-RPC messages as) is read, not only of those
   * that name {@code "tools"} as written, which may be escaped; other types (the legacy transport's
   * {@code endpoint}) are no JSON-RPC message to a client, and pass.
   */
  private String emit(StringBuilder event, StringBuilder data, String type) throws IOException {
    if (data.length() == 0 || !(type.isEmpty() || type.equals("message"))) {
      return event.toString();
    }
    String filtered = filterMessage(data.toString(), null);
    if (filtered == null) {
      return event.toString();
    }
    StringBuilder out = new StringBuilder();
    boolean dataWritten = false;
    for (String line : event.toString().split("(?<=\n)")) {
      if (line.startsWith("data:")) {
        if (!dataWritten) {
          out.append("data: ").append(filtered).append('\n');
          dataWritten = true;
        }
      } else {
        out.append(line);
      }
    }
    return out.toString();
  }

  /**
   * The message (or batch of messages) with the screened-out tools taken out of {@code
   * result.tools}; {@code unchanged} when it lists no tool or the screen keeps them all. A message
   * that cannot be read ends the relay: what this reader cannot read, a client might.
   */
  private String filterMessage(String json, String unchanged) throws IOException {
    if (json.isBlank()) {
      return unchanged;
    }
    JsonValue message;
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      message = reader.readValue();
    } catch (RuntimeException e) {
      throw new IOException("A tools/list answer could not be read to filter; relay ended.", e);
    }
    if (message instanceof JsonArray batch) {
      JsonArrayBuilder out = Jsonp.PROVIDER.createArrayBuilder();
      boolean changed = false;
      for (JsonValue element : batch) {
        JsonValue screened = screened(element);
        changed |= screened != element;
        out.add(screened);
      }
      return changed ? out.build().toString() : unchanged;
    }
    JsonValue screened = screened(message);
    return screened == message ? unchanged : screened.toString();
  }

  /** One message with the screened-out tools taken out; the same instance when none is. */
  private JsonValue screened(JsonValue message) throws IOException {
    if (!(message instanceof JsonObject m)
        || !(m.get("result") instanceof JsonObject result)
        || !(result.get("tools") instanceof JsonArray tools)) {
      return message;
    }
    List<JsonValue> shown = screen.kept(tools);
    if (shown.size() == tools.size()) {
      return message;
    }
    JsonArrayBuilder kept = Jsonp.PROVIDER.createArrayBuilder();
    shown.forEach(kept::add);
    return Jsonp.PROVIDER
        .createObjectBuilder(m)
        .add("result", Jsonp.PROVIDER.createObjectBuilder(result).add("tools", kept))
        .build();
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
