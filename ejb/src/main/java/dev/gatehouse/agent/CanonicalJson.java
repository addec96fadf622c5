package dev.gatehouse.agent;

import dev.gatehouse.platform.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * One text per JSON value, whatever its spelling: members sorted by name (by UTF-16 code units, as
 * RFC 8785 sorts them), no insignificant whitespace, strings with only the escapes JSON requires,
 * numbers in their shortest exact decimal form. So {@code {"b":1, "a":"x"}} and {@code
 * {"a":"\u0078","b":1.0}} have one digest: a caller cannot make an approved call look new, or a new
 * call look approved, by re-spelling its arguments.
 *
 * <p>Written from a tree ({@link #of}) or straight from a parser's events ({@link #write}), with
 * the same text: the readers on the data path take the second way, which builds no tree.
 */
public final class CanonicalJson {

  private CanonicalJson() {}

  public static String of(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  /** Hex SHA-256 of a canonical form already written. */
  public static String sha256Of(String canonical) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hex SHA-256 of the canonical form. */
  public static String sha256(JsonValue value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(of(value).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(JsonValue value, StringBuilder out) {
    switch (value.getValueType()) {
      case OBJECT -> {
        out.append('{');
        boolean first = true;
        for (var member : new TreeMap<>((JsonObject) value).entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(member.getKey(), out);
          out.append(':');
          write(member.getValue(), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        boolean first = true;
        for (JsonValue element : (JsonArray) value) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(element, out);
        }
        out.append(']');
      }
      case STRING -> string(((JsonString) value).getString(), out);
      case NUMBER -> out.append(number(((JsonNumber) value).bigDecimalValue()));
      case TRUE -> out.append("true");
      case FALSE -> out.append("false");
      case NULL -> out.append("null");
    }
  }

  /**
   * Appends the canonical text of the value that begins with {@code event} and reads {@code parser}
   * to its end. Refuses an object that names a member twice: which of the two counts would be the
   * reader's choice, and the gateway must not judge one while the backend acts on the other.
   *
   * @throws DuplicateMember on a member named twice
   * @throws RuntimeException when the parser meets text that is not JSON
   */
  static void write(JsonParser parser, Event event, StringBuilder out) {
    switch (event) {
      case START_OBJECT -> object(parser, out);
      case START_ARRAY -> {
        out.append('[');
        boolean first = true;
        for (Event e = parser.next(); e != Event.END_ARRAY; e = parser.next()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(parser, e, out);
        }
        out.append(']');
      }
      case VALUE_STRING -> JsonText.quote(parser.getString(), out);
      case VALUE_NUMBER -> out.append(number(parser.getString()));
      case VALUE_TRUE -> out.append("true");
      case VALUE_FALSE -> out.append("false");
      case VALUE_NULL -> out.append("null");
      default -> throw new IllegalStateException("Not the start of a value: " + event);
    }
  }

  /**
   * An object's members as they come, then put in order where they were not: each member's text is
   * written once, and moved only when a name comes before one already written.
   */
  private static void object(JsonParser parser, StringBuilder out) {
    int open = out.length();
    out.append('{');
    String[] names = new String[8];
    int[] starts = new int[8];
    int count = 0;
    boolean ordered = true;
    for (Event e = parser.next(); e != Event.END_OBJECT; e = parser.next()) {
      String name = parser.getString();
      if (count > 0) {
        out.append(',');
        ordered &= name.compareTo(names[count - 1]) > 0;
      }
      if (count == names.length) {
        names = Arrays.copyOf(names, count * 2);
        starts = Arrays.copyOf(starts, count * 2);
      }
      names[count] = name;
      starts[count] = out.length();
      count++;
      JsonText.quote(name, out);
      out.append(':');
      write(parser, parser.next(), out);
    }
    if (!ordered) {
      reorder(out, open + 1, names, starts, count);
    }
    out.append('}');
  }

  /** Puts the members written from {@code from} on in name order; refuses a name given twice. */
  private static void reorder(
      StringBuilder out, int from, String[] names, int[] starts, int count) {
    int[] ends = new int[count];
    for (int i = 0; i < count; i++) {
      ends[i] = i + 1 < count ? starts[i + 1] - 1 : out.length();
    }
    // Insertion sort: objects have few members, and no boxing.
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      int j = i;
      while (j > 0 && names[order[j - 1]].compareTo(names[i]) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    for (int i = 1; i < count; i++) {
      if (names[order[i]].equals(names[order[i - 1]])) {
        throw new DuplicateMember(names[order[i]]);
      }
    }
    // Each member cut out as a string and appended back: both are bulk copies, where appending a
    // range of characters would check every character for Latin-1 on the way.
    String[] members = new String[count];
    for (int i = 0; i < count; i++) {
      members[i] = out.substring(starts[i], ends[i]);
    }
    out.setLength(from);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(members[order[i]]);
    }
  }

  /**
   * A number's canonical text from its JSON text without a {@code BigDecimal} where the text shows
   * it: an integer of up to 21 digits is its own form, a plain decimal loses its trailing zeros.
   * Exponents, long integers and fractions small enough for exponent form take the general way.
   */
  static String number(String text) {
    if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
      return number(new BigDecimal(text));
    }
    int sign = text.charAt(0) == '-' ? 1 : 0;
    int dot = text.indexOf('.');
    if (dot < 0) {
      int digits = text.length() - sign;
      if (digits > 21) {
        return number(new BigDecimal(text));
      }
      return digits == 1 && text.charAt(sign) == '0' ? "0" : text;
    }
    int end = text.length();
    while (text.charAt(end - 1) == '0') {
      end--;
    }
    if (end == dot + 1) {
      return number(text.substring(0, dot));
    }
    if (dot - sign == 1 && text.charAt(sign) == '0') {
      int zeros = 0;
      while (text.charAt(dot + 1 + zeros) == '0') {
        zeros++;
      }
      if (zeros >= 6) {
        return number(new BigDecimal(text));
      }
    }
    return end == text.length() ? text : text.substring(0, end);
  }

  private static String number(BigDecimal n) {
    if (n.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = n.stripTrailingZeros();
    // toPlainString() is toBigInteger().toString() for a whole number, without the BigInteger.
    return stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 21
        ? stripped.toPlainString()
        : stripped.toString();
  }

  private static void string(String s, StringBuilder out) {
    JsonText.quote(s, out);
  }
}
