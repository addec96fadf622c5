package dev.gatehouse.demo.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict recursive-descent JSON parser producing {@code LinkedHashMap}, {@code ArrayList}, {@code
 * String}, {@code Long}/{@code BigInteger} (integers), {@code Double} (fractions and exponents),
 * {@code Boolean} and {@code null}.
 *
 * <p>It exists because the demo module may not use third-party libraries. It is deliberately strict
 * (no comments, no trailing commas, no duplicate keys, no unescaped control characters) and bounds
 * nesting depth, because the agent parses bodies that arrive from the network.
 */
public final class JsonReader {

  private static final int MAX_DEPTH = 256;

  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  /**
   * Parses one complete JSON value; surrounding whitespace is allowed, anything else is not.
   *
   * @throws JsonSyntaxException if {@code text} is not exactly one valid JSON value
   */
  public static Object parse(String text) {
    JsonReader reader = new JsonReader(text);
    reader.skipWhitespace();
    Object value = reader.readValue(0);
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.error("unexpected trailing content");
    }
    return value;
  }

  private Object readValue(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH);
    }
    int c = peek();
    return switch (c) {
      case '{' -> readObject(depth);
      case '[' -> readArray(depth);
      case '"' -> readString();
      case 't' -> readLiteral("true", Boolean.TRUE);
      case 'f' -> readLiteral("false", Boolean.FALSE);
      case 'n' -> readLiteral("null", null);
      case -1 -> throw error("unexpected end of input");
      default -> {
        if (c == '-' || isDigit(c)) {
          yield readNumber();
        }
        throw error("unexpected character '" + (char) c + "'");
      }
    };
  }

  private Map<String, Object> readObject(int depth) {
    pos++;
    Map<String, Object> object = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return object;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      int keyOffset = pos;
      String key = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = readValue(depth + 1);
      if (object.containsKey(key)) {
        throw new JsonSyntaxException("duplicate key \"" + key + "\"", keyOffset);
      }
      object.put(key, value);
      skipWhitespace();
      int next = next();
      if (next == '}') {
        return object;
      }
      if (next != ',') {
        pos--;
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> readArray(int depth) {
    pos++;
    List<Object> array = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return array;
    }
    while (true) {
      skipWhitespace();
      array.add(readValue(depth + 1));
      skipWhitespace();
      int next = next();
      if (next == ']') {
        return array;
      }
      if (next != ',') {
        pos--;
        throw error("expected ',' or ']'");
      }
    }
  }

  private String readString() {
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      int c = next();
      if (c == -1) {
        throw error("unterminated string");
      }
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\') {
        value.append(readEscape());
      } else if (c < 0x20) {
        pos--;
        throw error("unescaped control character in string");
      } else {
        value.append((char) c);
      }
    }
  }

  private char readEscape() {
    int c = next();
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> readUnicodeEscape();
      case -1 -> throw error("unterminated escape sequence");
      default -> {
        pos--;
        throw error("invalid escape sequence '\\" + (char) c + "'");
      }
    };
  }

  private char readUnicodeEscape() {
    if (pos + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = hexValue(text.charAt(pos));
      if (digit < 0) {
        throw error("invalid hex digit in \\u escape");
      }
      code = code * 16 + digit;
      pos++;
    }
    return (char) code;
  }

  /** ASCII only: {@link Character#digit} would also accept full-width digits. */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private Number readNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      skipDigits();
    } else {
      throw error("expected a digit");
    }
    boolean integral = true;
    if (peek() == '.') {
      pos++;
      integral = false;
      requireDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      integral = false;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      requireDigits();
    }
    String literal = text.substring(start, pos);
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException tooLarge) {
        return new BigInteger(literal);
      }
    }
    double value = Double.parseDouble(literal);
    if (Double.isInfinite(value)) {
      throw new JsonSyntaxException("number out of range", start);
    }
    return value;
  }

  private void requireDigits() {
    if (!isDigit(peek())) {
      throw error("expected a digit");
    }
    skipDigits();
  }

  private void skipDigits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private Object readLiteral(String literal, Object value) {
    if (!text.startsWith(literal, pos)) {
      throw error("invalid literal");
    }
    pos += literal.length();
    return value;
  }

  private void expect(char expected) {
    if (peek() != expected) {
      throw error("expected '" + expected + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private int peek() {
    return pos < text.length() ? text.charAt(pos) : -1;
  }

  private int next() {
    return pos < text.length() ? text.charAt(pos++) : -1;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private JsonSyntaxException error(String message) {
    return new JsonSyntaxException(message, pos);
  }
}
