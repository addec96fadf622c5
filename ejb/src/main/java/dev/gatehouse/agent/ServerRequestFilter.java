package dev.gatehouse.agent;

import dev.gatehouse.exchange.HandOutStream;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.exchange.RuleHit;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the requests an MCP server sends its client ({@code sampling/createMessage}, {@code
 * elicitation/create}, {@code roots/list}, ...) out of an event stream, for a connection that does
 * not allow them. Event by event, as the events arrive: an event is handed on the moment its blank
 * line is read, byte for byte unless it carries such a request.
 *
 * <p>A request is a JSON-RPC message with a {@code method} and an {@code id} (any id: a client
 * reading {@code "id":null} still takes it for a request). Notifications (no {@code id}) and
 * responses pass. {@code ping} passes too: it carries nothing, asks the client for nothing but an
 * empty result, and a server that gets no answer may take the client for gone. A dropped event
 * keeps only its {@code id:} and {@code retry:} lines, which a client applies without dispatching
 * anything, so that a resumed stream goes on from the right place; in a batch only the requests are
 * taken out.
 *
 * <p>Fail closed: data that does not parse as JSON but names {@code "method"} (after backslash-u
 * escapes are decoded, so a key written with an escaped letter counts) is dropped, since a lenient
 * client might still read a request in it (Jackson, for one, ignores what follows the first value,
 * so data with more than one value counts as unparsable); MCP data is one JSON-RPC message, so
 * nothing legitimate is lost. A ping whose data names {@code "method"} more than once is dropped as
 * well: a client that keeps the first of duplicate keys would read another method than this parser,
 * which keeps the last. An event longer than {@link #MAX_EVENT_BYTES} cannot be judged and ends the
 * relay.
 *
 * <p>Each dropped request is a rule hit on the exchange ({@code BLOCK}, {@code
 * mcp:server-request:<method>}), up to {@link #MAX_RECORDED}; past that, one more hit says that
 * more were dropped, so that a server sending requests in a loop cannot grow the record without
 * bound.
 */
final class ServerRequestFilter extends HandOutStream {

  static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

  static final int MAX_RECORDED = 32;

  static final String WHERE = "mcp:server-request:";

  /** The longest method name a rule hit repeats. */
  private static final int MAX_METHOD_CHARS = 128;

  /** Charset names a UTF-8 answer may carry (US-ASCII text is UTF-8). */
  private static final Set<String> UTF8_NAMES = Set.of("utf-8", "utf8", "us-ascii");

  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

  private final InputStream upstream;
  private final ProxyExchange exchange;
  private final ByteArrayOutputStream event = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int dropped;

  /** Whether the line being read has anything before its end. */
  private boolean lineHasContent;

  /** Whether the last byte was a CR, which a LF may follow as one line end. */
  private boolean afterCr;

  /**
   * Whether an event ended at that CR: a LF right after it still belongs to that event, handed on
   * or dropped with it.
   */
  private boolean eventEndedAtCr;

  private boolean lastEventDropped;

  ServerRequestFilter(InputStream upstream, ProxyExchange exchange) {
    this.upstream = upstream;
    this.exchange = exchange;
  }

  /**
   * The body of an MCP answer with the server's requests kept out: an event stream through this
   * filter, any other answer through {@link ServerRequestJsonGuard}. An answer that names a charset
   * other than UTF-8 is not relayed at all (a {@code BLOCK} hit, {@code (unreadable)}): a client
   * decoding it by that charset could read a structure that a byte-wise reading of it misses, and
   * MCP is UTF-8.
   */
  static InputStream around(ProxyResponse response, ProxyExchange exchange, boolean eventStream) {
    List<String> types = response.headers().getOrDefault("content-type", List.of());
    for (String type : types) {
      for (String parameter : type.split(";")) {
        String[] pair = parameter.strip().split("=", 2);
        if (pair.length == 2
            && pair[0].strip().equalsIgnoreCase("charset")
            && !UTF8_NAMES.contains(pair[1].strip().replace("\"", "").toLowerCase(Locale.ROOT))) {
          exchange.recordRuleHit(new RuleHit(null, "BLOCK", WHERE + "(unreadable)"));
          return new InputStream() {
            @Override
            public int read() throws IOException {
              throw new IOException("An MCP answer not in UTF-8; relay ended.");
            }

            @Override
            public void close() throws IOException {
              response.body().close();
            }
          };
        }
      }
    }
    return eventStream
        ? new ServerRequestFilter(response.body(), exchange)
        : new ServerRequestJsonGuard(response.body(), exchange);
  }

  /** Reads one chunk and hands on every event it completes. */
  @Override
  protected void fill() throws IOException {
    byte[] chunk = new byte[8192];
    int n = upstream.read(chunk);
    if (n < 0) {
      finish();
      if (event.size() > 0) {
        // A client should discard an unfinished event, but one that dispatches it must not get
        // a request either.
        eventEnded();
      }
    } else {
      for (int i = 0; i < n; i++) {
        take(chunk[i]);
      }
    }
    handOut(out.toByteArray());
    out.reset();
  }

  /** One byte of the stream: lines end at CRLF, LF or CR, an event at an empty line. */
  private void take(byte b) throws IOException {
    if (afterCr && b == '\n') {
      afterCr = false;
      if (eventEndedAtCr) {
        eventEndedAtCr = false;
        if (!lastEventDropped) {
          out.write(b);
        }
      } else {
        event.write(b);
      }
      return;
    }
    afterCr = b == '\r';
    eventEndedAtCr = false;
    event.write(b);
    if (event.size() > MAX_EVENT_BYTES) {
      throw new IOException("A server-sent event is too large to judge; relay ended.");
    }
    if (b == '\r' || b == '\n') {
      if (!lineHasContent) {
        eventEnded();
        eventEndedAtCr = afterCr;
      }
      lineHasContent = false;
    } else {
      lineHasContent = true;
    }
  }

  private void eventEnded() {
    String text = event.toString(StandardCharsets.UTF_8);
    byte[] raw = event.toByteArray();
    event.reset();
    lineHasContent = false;
    List<String> lines = lines(text);
    StringBuilder data = null;
    for (String line : lines) {
      String field = field(line);
      if (isData(field)) {
        String value = field.length() <= 5 ? "" : field.substring(field.charAt(5) == ' ' ? 6 : 5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    Verdict verdict = data == null ? Verdict.PASS : judge(data.toString());
    verdict.blocked().forEach(this::record);
    byte[] handedOn =
        verdict.replacement() == null
            ? raw
            : rebuilt(lines, verdict.replacement()).getBytes(StandardCharsets.UTF_8);
    lastEventDropped = handedOn.length == 0;
    out.writeBytes(handedOn);
  }

  /**
   * What to do with an event's data.
   *
   * @param replacement {@code null} to pass the event as it came; empty to drop its data; else the
   *     data to send instead
   * @param blocked the methods of the requests taken out
   */
  record Verdict(String replacement, List<String> blocked) {
    static final Verdict PASS = new Verdict(null, List.of());
  }

  static Verdict judge(String data) {
    String decoded = decoded(data);
    JsonValue message;
    try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(data))) {
      parser.next();
      message = parser.getValue();
      if (parser.hasNext()) {
        // More after the first value: a client may read either.
        throw new JsonException("more than one value");
      }
    } catch (RuntimeException e) {
      return decoded.contains("\"method\"")
          ? new Verdict("", List.of("(unreadable)"))
          : Verdict.PASS;
    }
    boolean methodNamedOnce = count(decoded, "\"method\"") <= methods(message);
    if (message instanceof JsonObject object) {
      String blocked = blockedRequest(object, methodNamedOnce);
      return blocked == null ? Verdict.PASS : new Verdict("", List.of(blocked));
    }
    if (message instanceof JsonArray batch) {
      JsonArrayBuilder kept = Jsonp.PROVIDER.createArrayBuilder();
      List<String> blocked = new ArrayList<>();
      for (JsonValue element : batch) {
        String method =
            element instanceof JsonObject object ? blockedRequest(object, methodNamedOnce) : null;
        if (method == null) {
          kept.add(element);
        } else {
          blocked.add(method);
        }
      }
      if (blocked.isEmpty()) {
        return Verdict.PASS;
      }
      JsonArray rest = kept.build();
      return new Verdict(rest.isEmpty() ? "" : rest.toString(), blocked);
    }
    return Verdict.PASS;
  }

  /** The method of a request to take out, or {@code null} when the message may pass. */
  private static String blockedRequest(JsonObject message, boolean methodNamedOnce) {
    if (!message.containsKey("method") || !message.containsKey("id")) {
      return null;
    }
    if (!(message.get("method") instanceof JsonString name)) {
      return "(not a string)";
    }
    String method = name.getString();
    if (method.equals("ping") && methodNamedOnce) {
      return null;
    }
    return method.length() <= MAX_METHOD_CHARS ? method : method.substring(0, MAX_METHOD_CHARS);
  }

  /** How many messages (one, or a batch's) have a {@code method} member. */
  private static int methods(JsonValue message) {
    if (message instanceof JsonObject object) {
      return object.containsKey("method") ? 1 : 0;
    }
    int n = 0;
    if (message instanceof JsonArray batch) {
      for (JsonValue element : batch) {
        if (element instanceof JsonObject object && object.containsKey("method")) {
          n++;
        }
      }
    }
    return n;
  }

  private void record(String method) {
    dropped++;
    if (dropped <= MAX_RECORDED) {
      exchange.recordRuleHit(new RuleHit(null, "BLOCK", WHERE + method));
    } else if (dropped == MAX_RECORDED + 1) {
      exchange.recordRuleHit(new RuleHit(null, "BLOCK", WHERE + "(more, not recorded)"));
    }
  }

  /** The event's lines, each with its line end; the last may have none (end of stream). */
  private static List<String> lines(String event) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < event.length(); i++) {
      char c = event.charAt(i);
      if (c == '\r' && i + 1 < event.length() && event.charAt(i + 1) == '\n') {
        i++;
      } else if (c != '\r' && c != '\n') {
        continue;
      }
      lines.add(event.substring(start, i + 1));
      start = i + 1;
    }
    if (start < event.length()) {
      lines.add(event.substring(start));
    }
    return lines;
  }

  private static String bare(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
      end--;
    }
    return line.substring(0, end);
  }

  /**
   * The event with its data lines replaced by one carrying {@code data}; with empty data, only its
   * {@code id:} and {@code retry:} lines and its end, or nothing when it has neither.
   */
  private static String rebuilt(List<String> lines, String data) {
    StringBuilder rebuilt = new StringBuilder();
    boolean dataWritten = data.isEmpty();
    boolean anyField = !data.isEmpty();
    for (String line : lines) {
      String field = field(line);
      if (isData(field)) {
        if (!dataWritten) {
          rebuilt.append("data: ").append(data).append(line.substring(bare(line).length()));
          dataWritten = true;
        }
      } else if (field.isEmpty()) {
        rebuilt.append(line);
      } else if (!data.isEmpty() || named(field, "id") || named(field, "retry")) {
        // A dropped event keeps only what a client applies without dispatching it.
        rebuilt.append(line);
        anyField = true;
      }
    }
    return anyField ? rebuilt.toString() : "";
  }

  private static boolean named(String field, String name) {
    return field.equals(name) || field.startsWith(name + ":");
  }

  private static boolean isData(String field) {
    return named(field, "data");
  }

  /**
   * The line as a field is read from it: without its line end, and without the byte order mark a
   * client strips from the stream's start, nor any blank before the name, which a lenient client
   * may skip (only ever more lines count as data, never fewer).
   */
  private static String field(String line) {
    String bare = bare(line);
    int start = 0;
    while (start < bare.length()
        && (bare.charAt(start) == '\uFEFF' || Character.isWhitespace(bare.charAt(start)))) {
      start++;
    }
    return bare.substring(start);
  }

  /** The text with its backslash-u escapes decoded, so that escaped names show as written. */
  private static String decoded(String text) {
    if (text.indexOf("\\u") < 0) {
      return text;
    }
    Matcher m = UNICODE_ESCAPE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
