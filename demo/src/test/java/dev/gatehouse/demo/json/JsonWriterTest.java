package dev.gatehouse.demo.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonWriter.quote("a\"b\\c\nd\re\tf\bg\fh\u0001i\u2028"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u2028\"");
  }

  @Test
  void keepsSurrogatePairsButEscapesLoneSurrogates() {
    assertThat(JsonWriter.quote("😀")).isEqualTo("\"😀\"");
    assertThat(JsonWriter.quote("x\uD83Dy")).isEqualTo("\"x\\ud83dy\"");
  }

  @Test
  void writesNestedValuesCompactly() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("n", null);
    value.put("list", Arrays.asList(1, 2.5, true, "s"));
    value.put("empty", Map.of());

    assertThat(JsonWriter.write(value))
        .isEqualTo("{\"n\":null,\"list\":[1,2.5,true,\"s\"],\"empty\":{}}");
  }

  @Test
  void roundTripsThroughTheReader() {
    String tricky = "</script> \u0000 \\u0041 \"quoted\" é 😀 \u2029";
    Map<String, Object> value = Map.of("text", tricky, "items", List.of(1L, -2L));

    assertThat(JsonReader.parse(JsonWriter.write(value))).isEqualTo(value);
  }

  @Test
  void rejectsValuesJsonCannotRepresent() {
    assertThatThrownBy(() -> JsonWriter.write(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonWriter.write(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonWriter.write(new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
