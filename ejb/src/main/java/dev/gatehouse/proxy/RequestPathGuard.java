package dev.gatehouse.proxy;

import dev.gatehouse.exchange.GatewayRefusal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a caller inside its connection's base path. The path is forwarded as sent, so it is checked
 * as every decoder on the way might read it: percent-decoding applied repeatedly (double encoding),
 * backslashes taken as slashes, and {@code ;} parameters cut off a segment. A dot segment ({@code
 * .} or {@code ..}) in any of those readings, or a control character, refuses the request with 400
 * {@code invalid_path}.
 */
public final class RequestPathGuard {

  private static final int MAX_DECODE_ROUNDS = 4;

  private RequestPathGuard() {}

  public static void check(String rawPath) {
    String current = rawPath;
    for (int round = 0; round <= MAX_DECODE_ROUNDS; round++) {
      inspect(current);
      if (current.indexOf('%') < 0) {
        return;
      }
      String decoded;
      try {
        decoded = URLDecoder.decode(current.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid("The path has a malformed percent-encoding.");
      }
      if (decoded.equals(current)) {
        return;
      }
      current = decoded;
    }
    throw invalid("The path is encoded too many times.");
  }

  private static void inspect(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw invalid("The path contains a control character.");
      }
    }
    for (String segment : path.replace('\\', '/').split("/", -1)) {
      int semicolon = segment.indexOf(';');
      String name = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
      if (name.equals(".") || name.equals("..")) {
        throw invalid("The path leaves the connection's base path.");
      }
    }
  }

  private static GatewayRefusal invalid(String detail) {
    return GatewayRefusal.refused(400, "invalid_path", detail);
  }
}
