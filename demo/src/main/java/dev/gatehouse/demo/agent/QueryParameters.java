package dev.gatehouse.demo.agent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Decoded query parameters with bounded numeric lookups, so that test endpoints such as {@code
 * /test/slow?ms=N} cannot be asked to sleep or allocate without limit.
 */
final class QueryParameters {

  private final Map<String, String> firstValues;

  private QueryParameters(Map<String, String> firstValues) {
    this.firstValues = firstValues;
  }

  static QueryParameters parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        values.putIfAbsent(decode(name), decode(value));
      }
    }
    return new QueryParameters(values);
  }

  /** The first value of a parameter, or {@code null}. */
  String stringValue(String name) {
    return firstValues.get(name);
  }

  long longValue(String name, long defaultValue, long min, long max) {
    String text = firstValues.get(name);
    if (text == null) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw RequestRejected.invalidRequest("Query parameter '" + name + "' must be an integer");
    }
    if (value < min || value > max) {
      throw RequestRejected.invalidRequest(
          "Query parameter '" + name + "' must be between " + min + " and " + max);
    }
    return value;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw RequestRejected.invalidRequest("Malformed query string");
    }
  }
}
