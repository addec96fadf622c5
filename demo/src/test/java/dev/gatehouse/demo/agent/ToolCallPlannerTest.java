package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.demo.agent.ChatRequest.ToolChoice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolCallPlannerTest {

  private static final OfferedTool LOOKUP =
      new OfferedTool("lookup", "", Map.of("type", "object", "properties", Map.of()));
  private static final OfferedTool LOOKUP_WEATHER =
      new OfferedTool(
          "lookup_weather",
          "",
          Map.of(
              "type",
              "object",
              "properties",
              Map.of("city", Map.of("type", "string")),
              "required",
              List.of("city")));

  private static Optional<PlannedToolCall> plan(String message, OfferedTool... tools) {
    return ToolCallPlanner.plan(
        new ChatRequest(message, 1, false, false, List.of(tools), ToolChoice.AUTO, List.of()));
  }

  @Test
  void callsTheToolMentionedFirstAsAWholeWord() {
    assertThat(plan("use lookup_weather, not lookup", LOOKUP, LOOKUP_WEATHER))
        .get()
        .extracting(PlannedToolCall::name)
        .isEqualTo("lookup_weather");
    assertThat(plan("lookup or lookup_weather", LOOKUP_WEATHER, LOOKUP))
        .get()
        .extracting(PlannedToolCall::name)
        .isEqualTo("lookup");
    assertThat(plan("my_lookup_weathers", LOOKUP_WEATHER)).isEmpty();
    assertThat(plan("hello", LOOKUP_WEATHER)).isEmpty();
  }

  @Test
  void takesTheJsonObjectAfterTheNameAndAnOptionalColonLeavingTextAfterIt() {
    assertThat(
            plan("lookup_weather: {\"city\" : \"Oslo\", \"n\": [1, 2.5]} thanks!", LOOKUP_WEATHER))
        .get()
        .extracting(PlannedToolCall::arguments)
        .isEqualTo("{\"city\":\"Oslo\",\"n\":[1,2.5]}");
  }

  @Test
  void makesArgumentsUpWhenTheTextAfterTheNameIsNoJsonObject() {
    assertThat(plan("lookup_weather {\"city\": Oslo}", LOOKUP_WEATHER))
        .get()
        .extracting(PlannedToolCall::arguments)
        .isEqualTo("{\"city\":\"example\"}");
    assertThat(plan("lookup_weather [1]", LOOKUP_WEATHER))
        .get()
        .extracting(PlannedToolCall::arguments)
        .isEqualTo("{\"city\":\"example\"}");
  }

  @Test
  void answersToolResultsInsteadOfCallingAgain() {
    ChatRequest chat =
        new ChatRequest(
            "lookup_weather",
            1,
            false,
            false,
            List.of(LOOKUP_WEATHER),
            ToolChoice.AUTO,
            List.of(new ToolResult("lookup_weather", "{}", "sunny")));

    assertThat(ToolCallPlanner.plan(chat)).isEmpty();
  }

  @Test
  void argumentFragmentsAreSmallAndJoinToTheArguments() {
    PlannedToolCall call =
        new PlannedToolCall("call_1", "t", "{\"k\":\"sk-proj-\uD83D\uDE00abcdefghijklmnop\"}");

    List<String> fragments = call.argumentFragments();

    assertThat(String.join("", fragments)).isEqualTo(call.arguments());
    assertThat(fragments).allSatisfy(f -> assertThat(f.length()).isBetween(1, 5));
    assertThat(fragments)
        .noneSatisfy(f -> assertThat(Character.isHighSurrogate(f.charAt(f.length() - 1))).isTrue());
    String longArguments = "x".repeat(PlannedToolCall.MAX_FRAGMENTS * 10);
    assertThat(new PlannedToolCall("c", "t", longArguments).argumentFragments())
        .hasSizeLessThanOrEqualTo(PlannedToolCall.MAX_FRAGMENTS);
  }
}
