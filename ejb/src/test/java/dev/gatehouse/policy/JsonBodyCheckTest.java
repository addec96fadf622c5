package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyCheckTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acceptsWellFormedJsonAndEmptyBodies() {
    assertThat(JsonBodyCheck.problem(utf8("{\"a\":[1,{\"b\":\"ü\"}]}"), 8)).isEmpty();
    assertThat(JsonBodyCheck.problem(new byte[0], 8)).isEmpty();
    assertThat(JsonBodyCheck.problem(utf8("  "), 8)).isEmpty();
  }

  @Test
  void refusesNestingDeeperThanTheBoundWithoutOverflowingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThat(JsonBodyCheck.problem(utf8(deep), 256)).hasValueSatisfying(d -> d.contains("256"));
    assertThat(JsonBodyCheck.problem(utf8("[".repeat(8) + "]".repeat(8)), 8)).isEmpty();
    assertThat(JsonBodyCheck.problem(utf8("[".repeat(9) + "]".repeat(9)), 8)).isPresent();
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', 'r', (byte) 0xff, 'm', '"', '}'};

    assertThat(JsonBodyCheck.problem(body, 8)).hasValue("The JSON body is not valid UTF-8.");
  }

  @Test
  void refusesMalformedJson() {
    assertThat(JsonBodyCheck.problem(utf8("{\"a\":"), 8)).isPresent();
    assertThat(JsonBodyCheck.problem(utf8("{'a':1}"), 8)).isPresent();
  }

  @Test
  void knowsWhichContentTypesDeclareJson() {
    assertThat(JsonBodyCheck.declaresJson("application/json; charset=utf-8")).isTrue();
    assertThat(JsonBodyCheck.declaresJson("Application/JSON")).isTrue();
    assertThat(JsonBodyCheck.declaresJson("application/merge-patch+json")).isTrue();
    assertThat(JsonBodyCheck.declaresJson("text/plain")).isFalse();
    assertThat(JsonBodyCheck.declaresJson(null)).isFalse();
  }
}
