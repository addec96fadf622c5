package dev.gatehouse.console.approvals;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

/** Pretty-prints JSON text for reading; anything that is not JSON comes back as it was. */
public final class JsonText {

  private static final JsonWriterFactory PRETTY =
      Jsonp.PROVIDER.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

  private JsonText() {}

  public static String pretty(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (!(t.startsWith("{") || t.startsWith("["))) {
      return text;
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(t))) {
      JsonStructure value = reader.read();
      StringWriter out = new StringWriter();
      try (JsonWriter writer = PRETTY.createWriter(out)) {
        writer.write(value);
      }
      return out.toString().strip();
    } catch (JsonException | IllegalStateException e) {
      return text;
    }
  }
}
