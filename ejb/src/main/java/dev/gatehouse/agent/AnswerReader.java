package dev.gatehouse.agent;

import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
      AgentAnswer usage = read(messages.get(i), AnswerReader::usage);
      if (usage != null) {
        return usage;
      }
    }
    return AgentAnswer.NOTHING;
  }

  /** Whether the response to the MCP request {@code jsonRpcId} reports a failed tool. */
  public static AgentAnswer mcpToolResult(String body, boolean eventStream, String jsonRpcId) {
    List<String> messages = eventStream ? eventData(body, "\"result\"") : List.of(body);
    for (String text : messages) {
      ToolResult result = read(text, ToolResult::read);
      if (result != null
          && result.isResult
          && (jsonRpcId == null || (result.id != null && jsonRpcId.equals(result.id)))) {
        return new AgentAnswer(null, null, result.isError);
      }
    }
    return AgentAnswer.NOTHING;
  }

  /**
   * Reads one JSON object with {@code reader}, which stops at its end; {@code null} for a text that
   * is not one. Only the members named are kept: an answer is read as events, not into a tree.
   */
  private static <T> T read(String json, Function<JsonStream, T> reader) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try (JsonStream stream = new JsonStream(json)) {
      return stream.first() == Event.START_OBJECT ? reader.apply(stream) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * A message's {@code usage}, or its {@code response.usage} (Responses API) when it has no usage
   * object of its own; {@code null} when neither names a count.
   */
  private static AgentAnswer usage(JsonStream message) {
    AgentAnswer own = null;
    boolean hasOwn = false;
    AgentAnswer ofResponse = null;
    for (Event e = message.next(); e != Event.END_OBJECT; e = message.next()) {
      String key = message.string();
      Event value = message.next();
      if (key.equals("usage") && value == Event.START_OBJECT) {
        hasOwn = true;
        own = counts(message);
      } else if (key.equals("response") && value == Event.START_OBJECT) {
        ofResponse = null;
        for (Event r = message.next(); r != Event.END_OBJECT; r = message.next()) {
          boolean usage = message.string().equals("usage");
          Event v = message.next();
          if (usage && v == Event.START_OBJECT) {
            ofResponse = counts(message);
          } else {
            message.skip(v);
          }
        }
      } else {
        if (key.equals("usage")) {
          hasOwn = false;
          own = null;
        }
        message.skip(value);
      }
    }
    return hasOwn ? own : ofResponse;
  }

  /** The token counts of a usage object, by either API's names; {@code null} when it has none. */
  private static AgentAnswer counts(JsonStream usage) {
    Map<String, JsonValue> named = new HashMap<>();
    for (Event e = usage.next(); e != Event.END_OBJECT; e = usage.next()) {
      String key = usage.string();
      Event value = usage.next();
      if (value == Event.VALUE_NUMBER && COUNT_NAMES.contains(key)) {
        named.put(key, usage.scalar());
      } else {
        if (COUNT_NAMES.contains(key)) {
          named.put(key, JsonValue.NULL);
        }
        usage.skip(value);
      }
    }
    Long input = count(named, "prompt_tokens", "input_tokens");
    Long output = count(named, "completion_tokens", "output_tokens");
    return input != null || output != null ? new AgentAnswer(input, output, null) : null;
  }

  private static final Set<String> COUNT_NAMES =
      Set.of("prompt_tokens", "input_tokens", "completion_tokens", "output_tokens");

  private static Long count(Map<String, JsonValue> named, String name, String otherName) {
    JsonValue value = named.containsKey(name) ? named.get(name) : named.get(otherName);
    return value instanceof JsonNumber n && n.isIntegral() ? n.longValue() : null;
  }

  /** A JSON-RPC message's id (raw JSON) and, if it is a response, whether its tool failed. */
  private static final class ToolResult {
    String id;
    boolean isResult;
    boolean isError;

    static ToolResult read(JsonStream message) {
      ToolResult r = new ToolResult();
      for (Event e = message.next(); e != Event.END_OBJECT; e = message.next()) {
        String key = message.string();
        Event value = message.next();
        if (key.equals("id")) {
          r.id =
              value == Event.START_OBJECT || value == Event.START_ARRAY
                  ? message.canonical(value)
                  : message.scalar().toString();
        } else if (key.equals("result") && value == Event.START_OBJECT) {
          r.isResult = true;
          r.isError = false;
          for (Event m = message.next(); m != Event.END_OBJECT; m = message.next()) {
            boolean isError = message.string().equals("isError");
            Event v = message.next();
            if (isError) {
              r.isError = v == Event.VALUE_TRUE;
            }
            message.skip(v);
          }
        } else {
          if (key.equals("result")) {
            r.isResult = false;
          }
          message.skip(value);
        }
      }
      return r;
    }
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
}
