package dev.gatehouse.agent;

import dev.gatehouse.platform.JsonText;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * One text per JSON value, whatever its spelling: members sorted by name (by UTF-16 code units, as
 * RFC 8785 sorts them), no insignificant whitespace, strings with only the escapes JSON requires,
 * numbers in their shortest exact decimal form. So {@code {"b":1, "a":"x"}} and {@code
 * {"a":"\u0078","b":1.0}} have one digest: a caller cannot make an approved call look new, or a new
 * call look approved, by re-spelling its arguments.
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

  private static String number(BigDecimal n) {
    if (n.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = n.stripTrailingZeros();
    return stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 21
        ? stripped.toBigInteger().toString()
        : stripped.toString();
  }

  private static void string(String s, StringBuilder out) {
    out.append(JsonText.quote(s));
  }
}
