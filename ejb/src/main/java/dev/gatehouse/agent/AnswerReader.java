package dev.gatehouse.agent;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what an answer says about itself ({@link AgentAnswer}): the token usage of an
 * OpenAI-compatible answer (Chat Completions {@code usage}, also in the last chunk of a stream when
 * {@code stream_options.include_usage} is set; the Responses API's {@code usage}, streamed in
 * {@code response.completed}), and whether an MCP tool that ran failed ({@code result.isError} of
 * the response to the call). Only the messages that can say so are parsed; what cannot be read says
 * nothing.
 */
public final class AnswerReader {

  private AnswerReader() {}

  /** The usage an OpenAI-compatible answer reports. */
  public static AgentAnswer openAiUsage(String body, boolean eventStream) {
    List<String> messages = eventStream ? eventData(body, "\"usage\"") : List.of(body);
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (parse(messages.get(i)) instanceof JsonObject message) {
        JsonObject usage = usageOf(message);
        if (usage != null) {
          Long input = number(usage, "prompt_tokens", "input_tokens");
          Long output = number(usage, "completion_tokens", "output_tokens");
          if (input != null || output != null) {
            return new AgentAnswer(input, output, null);
          }
        }
      }
    }
    return AgentAnswer.NOTHING;
  }

  /** Whether the response to the MCP request {@code jsonRpcId} reports a failed tool. */
  public static AgentAnswer mcpToolResult(String body, boolean eventStream, String jsonRpcId) {
    List<String> messages = eventStream ? eventData(body, "\"result\"") : List.of(body);
    for (String text : messages) {
      if (parse(text) instanceof JsonObject message
          && message.get("result") instanceof JsonObject result
          && (jsonRpcId == null
              || (message.get("id") != null && jsonRpcId.equals(message.get("id").toString())))) {
        return new AgentAnswer(null, null, result.get("isError") == JsonValue.TRUE);
      }
    }
    return AgentAnswer.NOTHING;
  }

  private static JsonObject usageOf(JsonObject message) {
    if (message.get("usage") instanceof JsonObject usage) {
      return usage;
    }
    if (message.get("response") instanceof JsonObject response
        && response.get("usage") instanceof JsonObject usage) {
      return usage;
    }
    return null;
  }

  private static Long number(JsonObject usage, String name, String otherName) {
    JsonValue value = usage.containsKey(name) ? usage.get(name) : usage.get(otherName);
    return value instanceof JsonNumber n && n.isIntegral() ? n.longValue() : null;
  }

  /** The data of each event whose data contains {@code marker}. */
  private static List<String> eventData(String body, String marker) {
    List<String> out = new ArrayList<>();
    SseEvents.eachData(
        body,
        data -> {
          if (data.contains(marker)) {
            out.add(data);
          }
        });
    return out;
  }

  private static JsonValue parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
