package dev.gatehouse.demo.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  @Test
  void parsesNestedStructuresPreservingKeyOrder() {
    Object parsed = JsonReader.parse(" {\"b\": [1, true, null, {}], \"a\": {\"c\": []}} ");

    assertThat(parsed).isInstanceOf(Map.class);
    Map<?, ?> object = (Map<?, ?>) parsed;
    assertThat(List.copyOf(object.keySet())).isEqualTo(List.of("b", "a"));
    assertThat(object.get("b")).isEqualTo(Arrays.asList(1L, true, null, Map.of()));
    assertThat(object.get("a")).isEqualTo(Map.of("c", List.of()));
  }

  @Test
  void decodesEveryStringEscape() {
    Object parsed = JsonReader.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u20AC\"");

    assertThat(parsed).isEqualTo("q\" b\\ s/ \b\f\n\r\t é€");
  }

  @Test
  void combinesEscapedSurrogatePairs() {
    assertThat(JsonReader.parse("\"\\ud83d\\ude00\"")).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void keepsUnescapedNonAsciiText() {
    assertThat(JsonReader.parse("\"grüße 😀\"")).isEqualTo("grüße 😀");
  }

  @Test
  void parsesNumbersIntoLongBigIntegerOrDouble() {
    assertThat(JsonReader.parse("-42")).isEqualTo(-42L);
    assertThat(JsonReader.parse("12345678901234567890"))
        .isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(JsonReader.parse("1.5e-3")).isEqualTo(0.0015);
    assertThat(JsonReader.parse("0")).isEqualTo(0L);
  }

  @Test
  void rejectsInvalidEscapes() {
    assertThatThrownBy(() -> JsonReader.parse("\"\\x41\"")).isInstanceOf(JsonSyntaxException.class);
    assertThatThrownBy(() -> JsonReader.parse("\"\\u12\"")).isInstanceOf(JsonSyntaxException.class);
    assertThatThrownBy(() -> JsonReader.parse("\"\\u００４1\""))
        .isInstanceOf(JsonSyntaxException.class)
        .hasMessageContaining("hex digit");
  }

  @Test
  void rejectsUnescapedControlCharactersInStrings() {
    assertThatThrownBy(() -> JsonReader.parse("\"a\nb\""))
        .isInstanceOf(JsonSyntaxException.class)
        .hasMessageContaining("control character");
  }

  @Test
  void rejectsMalformedDocuments() {
    for (String text :
        List.of(
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "01",
            "1.",
            "-",
            "tru",
            "\"open",
            "[1] 2",
            "NaN",
            "{\"a\" 1}")) {
      assertThatThrownBy(() -> JsonReader.parse(text))
          .as(text)
          .isInstanceOf(JsonSyntaxException.class);
    }
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThatThrownBy(() -> JsonReader.parse("{\"a\":1,\"a\":2}"))
        .hasMessageContaining("duplicate key");
  }

  @Test
  void reportsTheOffsetOfTheError() {
    JsonSyntaxException error =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            JsonSyntaxException.class, () -> JsonReader.parse("[1, x]"));

    assertThat(error.offset()).isEqualTo(4);
  }

  @Test
  void rejectsExcessiveNestingWithoutStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);

    assertThatThrownBy(() -> JsonReader.parse(deep)).hasMessageContaining("nesting");
  }
}
