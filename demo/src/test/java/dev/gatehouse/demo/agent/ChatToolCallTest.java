package dev.gatehouse.demo.agent;

import static dev.gatehouse.demo.agent.AgentFixture.at;
import static dev.gatehouse.demo.agent.AgentFixture.list;
import static dev.gatehouse.demo.agent.AgentFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat completions that answer with tool calls, whole and streamed, and the round trip back. */
class ChatToolCallTest {

  private static final String WEATHER_TOOL =
      "{\"type\":\"function\",\"function\":{\"name\":\"lookup_weather\","
          + "\"description\":\"Current weather in a city\",\"parameters\":{\"type\":\"object\","
          + "\"properties\":{\"city\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\","
          + "\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\",\"unit\"]}}}";
  private static final String CLOCK_TOOL =
      "{\"type\":\"function\",\"function\":{\"name\":\"clock\"}}";

  @TempDir static Path directory;

  private static AgentFixture fixture;

  @BeforeAll
  static void startAgent() throws Exception {
    fixture = AgentFixture.start(directory, "--stream-delay-ms", "1");
  }

  @AfterAll
  static void stopAgent() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static String request(String userMessage, String extra) {
    return "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":"
        + quote(userMessage)
        + "}],\"tools\":["
        + WEATHER_TOOL
        + ","
        + CLOCK_TOOL
        + "]"
        + extra
        + "}";
  }

  private static String quote(String text) {
    return AgentJson.MAPPER.writeValueAsString(text);
  }

  @Test
  void answersWithTheNamedToolAndTheArgumentsTheMessageGives() throws Exception {
    HttpResponse<String> response =
        fixture.postJson(
            "/v1/chat/completions",
            request("Please lookup_weather {\"unit\": \"celsius\", \"city\": \"Paris\"} now", ""));

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Object> body = object(response);
    assertThat(at(body, "object")).isEqualTo("chat.completion");
    assertThat(at(body, "choices", 0, "finish_reason")).isEqualTo("tool_calls");
    Map<String, Object> message = object(at(body, "choices", 0, "message"));
    assertThat(message).containsEntry("role", "assistant").containsEntry("content", null);
    List<Object> calls = list(message.get("tool_calls"));
    assertThat(calls).hasSize(1);
    assertThat((String) at(calls, 0, "id")).matches("call_[0-9a-f]{24}");
    assertThat(at(calls, 0, "type")).isEqualTo("function");
    assertThat(at(calls, 0, "function", "name")).isEqualTo("lookup_weather");
    // Compact, in the message's member order: the caller's JSON, as a model would write it.
    assertThat(at(calls, 0, "function", "arguments"))
        .isEqualTo("{\"unit\":\"celsius\",\"city\":\"Paris\"}");
    assertThat((Long) at(body, "usage", "completion_tokens")).isPositive();
    assertThat(at(body, "usage", "total_tokens"))
        .isEqualTo(
            (Long) at(body, "usage", "prompt_tokens")
                + (Long) at(body, "usage", "completion_tokens"));
  }

  @Test
  void makesArgumentsUpFromTheSchemaWhenTheMessageGivesNone() throws Exception {
    HttpResponse<String> response =
        fixture.postJson("/v1/chat/completions", request("What does lookup_weather say?", ""));

    assertThat(
            at(object(response), "choices", 0, "message", "tool_calls", 0, "function", "arguments"))
        .isEqualTo("{\"city\":\"example\",\"unit\":\"celsius\"}");
  }

  @Test
  void answersInTextWhenNoToolIsMentionedOrToolsAreRefused() throws Exception {
    HttpResponse<String> unmentioned =
        fixture.postJson("/v1/chat/completions", request("what is 6*7?", ""));
    HttpResponse<String> refused =
        fixture.postJson(
            "/v1/chat/completions", request("lookup_weather", ",\"tool_choice\":\"none\""));

    assertThat(at(object(unmentioned), "choices", 0, "finish_reason")).isEqualTo("stop");
    assertThat((String) at(object(unmentioned), "choices", 0, "message", "content"))
        .endsWith("Final answer: 42");
    assertThat(at(object(refused), "choices", 0, "finish_reason")).isEqualTo("stop");
    assertThat(object(at(object(refused), "choices", 0, "message")))
        .doesNotContainKey("tool_calls");
  }

  @Test
  void toolChoiceForcesATool() throws Exception {
    HttpResponse<String> named =
        fixture.postJson(
            "/v1/chat/completions",
            request(
                "hello",
                ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"clock\"}}"));
    HttpResponse<String> required =
        fixture.postJson("/v1/chat/completions", request("hello", ",\"tool_choice\":\"required\""));

    assertThat(at(object(named), "choices", 0, "message", "tool_calls", 0, "function", "name"))
        .isEqualTo("clock");
    assertThat(at(object(named), "choices", 0, "message", "tool_calls", 0, "function", "arguments"))
        .isEqualTo("{}");
    assertThat(at(object(required), "choices", 0, "message", "tool_calls", 0, "function", "name"))
        .isEqualTo("lookup_weather");
  }

  @Test
  void refusesAToolChoiceNamingAToolNotOffered() throws Exception {
    HttpResponse<String> response =
        fixture.postJson(
            "/v1/chat/completions",
            request(
                "hello",
                ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"shell\"}}"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(at(object(response), "error", "type")).isEqualTo("invalid_request");
  }

  @Test
  void streamsTheCallAsItsNameThenSmallArgumentFragmentsThenUsage() throws Exception {
    String arguments = "{\"city\":\"Paris\",\"note\":\"rotate sk-proj-0123456789abcdefghij now\"}";
    HttpResponse<String> response =
        fixture.postJson(
            "/v1/chat/completions",
            request(
                "lookup_weather " + arguments,
                ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    List<String> events =
        response
            .body()
            .lines()
            .filter(line -> line.startsWith("data: "))
            .map(line -> line.substring(6))
            .toList();
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    List<Object> chunks = new ArrayList<>();
    for (String event : events.subList(0, events.size() - 1)) {
      chunks.add(AgentFixture.json(event));
    }

    Object first = chunks.get(0);
    assertThat(at(first, "object")).isEqualTo("chat.completion.chunk");
    Map<String, Object> opening = object(at(first, "choices", 0, "delta"));
    assertThat(opening).containsEntry("role", "assistant").containsEntry("content", null);
    assertThat(at(opening, "tool_calls", 0, "index")).isEqualTo(0L);
    assertThat((String) at(opening, "tool_calls", 0, "id")).startsWith("call_");
    assertThat(at(opening, "tool_calls", 0, "type")).isEqualTo("function");
    assertThat(at(opening, "tool_calls", 0, "function", "name")).isEqualTo("lookup_weather");
    assertThat(at(opening, "tool_calls", 0, "function", "arguments")).isEqualTo("");

    List<Object> fragments = chunks.subList(1, chunks.size() - 2);
    StringBuilder joined = new StringBuilder();
    for (Object chunk : fragments) {
      assertThat(at(chunk, "choices", 0, "finish_reason")).isNull();
      assertThat(at(chunk, "choices", 0, "delta", "tool_calls", 0, "index")).isEqualTo(0L);
      String fragment =
          (String) at(chunk, "choices", 0, "delta", "tool_calls", 0, "function", "arguments");
      assertThat(fragment).hasSizeBetween(1, PlannedToolCall.FRAGMENT_CHARS);
      joined.append(fragment);
    }
    assertThat(joined.toString()).isEqualTo(arguments);
    assertThat(fragments)
        .hasSizeGreaterThan(arguments.length() / PlannedToolCall.FRAGMENT_CHARS - 1);
    assertThat(response.body()).doesNotContain("sk-proj-0123456789abcdefghij");

    Object closing = chunks.get(chunks.size() - 2);
    assertThat(at(closing, "choices", 0, "finish_reason")).isEqualTo("tool_calls");
    assertThat(object(at(closing, "choices", 0, "delta"))).isEmpty();
    assertThat(object(closing)).containsEntry("usage", null);
    Object usage = chunks.get(chunks.size() - 1);
    assertThat(list(at(usage, "choices"))).isEmpty();
    assertThat((Long) at(usage, "usage", "total_tokens")).isPositive();
  }

  @Test
  void answersTheToolResultInTextSoThatTheRoundTripCompletes() throws Exception {
    HttpResponse<String> response =
        fixture.postJson(
            "/v1/chat/completions",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"lookup_weather {\\\"city\\\":\\\"Paris\\\"}\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"lookup_weather\","
                + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18 C, light rain\"}],"
                + "\"tools\":["
                + WEATHER_TOOL
                + "]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, Object> body = object(response);
    assertThat(at(body, "choices", 0, "finish_reason")).isEqualTo("stop");
    assertThat(at(body, "choices", 0, "message", "content"))
        .isEqualTo(
            "Thought: the tools answered. Action: lookup_weather[{\"city\":\"Paris\"}]."
                + " Observation: 18 C, light rain. Final answer: 18 C, light rain");
  }

  @Test
  void refusesAToolResultThatAnswersNoCall() throws Exception {
    HttpResponse<String> response =
        fixture.postJson(
            "/v1/chat/completions",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_nowhere\",\"content\":\"x\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat((String) at(object(response), "error", "message")).contains("call_nowhere");
  }
}
