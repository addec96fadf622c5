package dev.gatehouse.agent;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * Reads a body that must be exactly one JSON value. A reader that stops after the first value would
 * let a second message ride behind it unread — judged on the first, forwarded whole to a backend
 * that may read both.
 */
final class SingleJsonValue {

  private SingleJsonValue() {}

  /**
   * @throws RuntimeException when the text is not JSON, or holds more than one value
   */
  static JsonValue read(String text) {
    try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(text))) {
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) {
        throw new IllegalArgumentException("More than one JSON value.");
      }
      return value;
    }
  }
}
