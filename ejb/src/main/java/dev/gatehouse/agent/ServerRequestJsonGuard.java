package dev.gatehouse.agent;

import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.RuleHit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a request of an MCP server out of an answer that is not an event stream (the JSON answer to
 * a POST), for a connection that does not allow server requests. Such an answer should hold the
 * responses to the client's requests only, but a client (the MCP Java SDK's, for one) handles
 * whatever JSON-RPC message it finds there.
 *
 * <p>The answer is relayed as it arrives, never held: its JSON structure is followed byte by byte,
 * and the closing brace of each message (the top-level object, or each object of a top-level array;
 * every value, if more than one follows another) is where it is judged, as {@link
 * ServerRequestFilter} judges an event. A request other than a {@code ping} that names its method
 * once is never completed: its closing brace is withheld and the relay ends with an error, so that
 * the client can parse nothing out of it. The drop is a rule hit ({@code BLOCK}, {@code
 * mcp:server-request:<method>}); the exchange ends as an interrupted relay, or, when nothing was
 * relayed yet, as a 502. A NUL byte ends the relay the same way ({@code (unreadable)}): UTF-8 JSON
 * never has one, and JSON in UTF-16 or UTF-32, which some clients detect and decode, always has.
 */
final class ServerRequestJsonGuard extends InputStream {

  /** Keys and method names longer than this (as written) are neither "method" nor "id". */
  private static final int MAX_KEY_CHARS = 64;

  /** The most of a method's name (as written) kept to name it in the rule hit. */
  private static final int MAX_METHOD_CHARS = 6 * 128;

  private final InputStream upstream;
  private final ProxyExchange exchange;

  private int depth;

  /** The depth of the messages of the current top-level value: 1 (an object) or 2 (a batch). */
  private int messageDepth;

  private boolean inString;
  private boolean escaped;

  /** Whether the string being read is a key of the message (not nested). */
  private boolean stringIsKey;

  /** Whether the string being read is the value of the message's {@code method}. */
  private boolean stringIsMethod;

  private boolean expectKey;
  private boolean afterMethodKey;
  private final ByteArrayOutputStream string = new ByteArrayOutputStream();

  private int methodKeys;
  private boolean hasId;
  private String method;

  ServerRequestJsonGuard(InputStream upstream, ProxyExchange exchange) {
    this.upstream = upstream;
    this.exchange = exchange;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = upstream.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      if (!take(buffer[offset + i])) {
        throw new IOException("The MCP server's answer carries a request of its own; relay ended.");
      }
    }
    return n;
  }

  /** Follows one byte; false when it closes a request that must not reach the client. */
  private boolean take(byte b) {
    if (b == 0) {
      // Never in UTF-8 JSON, always in UTF-16 or UTF-32 JSON, which some clients detect and
      // decode: read byte by byte here, its structure would be missed.
      exchange.recordRuleHit(
          new RuleHit(null, "BLOCK", ServerRequestFilter.WHERE + "(unreadable)"));
      return false;
    }
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (b == '\\') {
        escaped = true;
      } else if (b == '"') {
        inString = false;
        stringEnded();
        return true;
      }
      if ((stringIsKey && string.size() <= MAX_KEY_CHARS)
          || (stringIsMethod && string.size() <= MAX_METHOD_CHARS)) {
        string.write(b);
      }
      return true;
    }
    switch (b) {
      case '"' -> {
        inString = true;
        stringIsKey = depth == messageDepth && expectKey;
        stringIsMethod = depth == messageDepth && afterMethodKey;
        afterMethodKey = false;
        string.reset();
      }
      case '{', '[' -> {
        if (depth == 0) {
          messageDepth = b == '{' ? 1 : 2;
        }
        depth++;
        afterMethodKey = false;
        if (depth == messageDepth && b == '{') {
          methodKeys = 0;
          hasId = false;
          method = null;
        }
        expectKey = b == '{';
      }
      case '}', ']' -> {
        if (depth == messageDepth && b == '}' && !judged()) {
          return false;
        }
        depth = Math.max(0, depth - 1);
        expectKey = false;
        afterMethodKey = false;
      }
      case ',' -> expectKey = depth == messageDepth;
      case ':' -> expectKey = false;
      case ' ', '\t', '\n', '\r' -> {}
      default -> afterMethodKey = false;
    }
    return true;
  }

  private void stringEnded() {
    if (stringIsKey) {
      String key = decoded(string.toString(StandardCharsets.UTF_8));
      if (key.equals("method")) {
        methodKeys++;
        afterMethodKey = true;
        method = "(not a string)";
      } else if (key.equals("id")) {
        hasId = true;
      }
    } else if (stringIsMethod) {
      method = decoded(string.toString(StandardCharsets.UTF_8));
    }
    stringIsKey = false;
    stringIsMethod = false;
  }

  /** A JSON string's content with its escapes decoded (a broken escape stays as written). */
  static String decoded(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= raw.length()) {
        out.append(c);
        continue;
      }
      char e = raw.charAt(++i);
      switch (e) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 4 < raw.length() && raw.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
            out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            out.append('\\').append(e);
          }
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  /** Whether the message now closing may reach the client; records it if not. */
  private boolean judged() {
    if (methodKeys == 0 || !hasId || ("ping".equals(method) && methodKeys == 1)) {
      return true;
    }
    String name = method.length() <= 128 ? method : method.substring(0, 128);
    exchange.recordRuleHit(new RuleHit(null, "BLOCK", ServerRequestFilter.WHERE + name));
    return false;
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
