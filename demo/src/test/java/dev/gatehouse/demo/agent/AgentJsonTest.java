package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** The agent's JSON settings: what the endpoints and the tests rely on from Jackson. */
class AgentJsonTest {

  @Test
  void readsPlainValuesKeepingMemberOrder() {
    Object parsed = AgentJson.read(" {\"b\": [1, true, null, {}, 1.5e-3], \"a\": {\"c\": []}} ");

    assertThat(parsed).isInstanceOf(LinkedHashMap.class);
    Map<?, ?> object = (Map<?, ?>) parsed;
    assertThat(List.<Object>copyOf(object.keySet())).containsExactly("b", "a");
    assertThat(object.get("b")).isEqualTo(Arrays.asList(1, true, null, Map.of(), 0.0015));
    assertThat(AgentJson.read("-12345678901")).isEqualTo(-12345678901L);
    assertThat(AgentJson.read("12345678901234567890"))
        .isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(AgentJson.read("\"\\ud83d\\ude00 \\u00e9\"")).isEqualTo("\uD83D\uDE00 é");
  }

  @Test
  void rejectsWhatIsNotExactlyOneStrictJsonValue() {
    for (String text :
        List.of(
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "01",
            "[1] 2",
            "NaN",
            "// c\n1",
            "\"a\nb\"",
            "\"\\x41\"",
            "\"\\u００４1\"",
            "{\"a\":1,\"a\":2}")) {
      assertThatThrownBy(() -> AgentJson.read(text)).as(text).isInstanceOf(JacksonException.class);
    }
  }

  @Test
  void boundsNestingWithoutStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);

    assertThatThrownBy(() -> AgentJson.read(deep)).isInstanceOf(JacksonException.class);
    String allowed =
        "[".repeat(AgentJson.MAX_NESTING_DEPTH) + "]".repeat(AgentJson.MAX_NESTING_DEPTH);
    assertThat(AgentJson.read(allowed)).isInstanceOf(List.class);
  }

  @Test
  void writesCompactOneLineJson() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("n", null);
    value.put("list", Arrays.asList(1, 2.5, true, "a/b"));
    value.put("text", "line1\nline2\t\"q\"");

    assertThat(new String(AgentJson.write(value), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"n\":null,\"list\":[1,2.5,true,\"a/b\"],\"text\":\"line1\\nline2\\t\\\"q\\\"\"}");
  }

  @Test
  void writesValidUtf8EscapingLoneSurrogates() throws Exception {
    byte[] written = AgentJson.write(List.of("😀 é", "x\uD83Dy"));

    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(written))
            .toString();
    assertThat(text).doesNotContain("\uFFFD").contains("😀 é").containsIgnoringCase("x\\ud83dy");
    assertThat(AgentJson.read(text)).isEqualTo(List.of("😀 é", "x\uD83Dy"));
  }
}
