package dev.gatehouse.agent;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tool calls of an OpenAI-compatible answer, as the caller received it (masked): Chat
 * Completions' {@code choices[].message.tool_calls[]} and, streamed, the {@code
 * choices[].delta.tool_calls[]} fragments joined per choice and call index; the Responses API's
 * {@code function_call} output items and, streamed, their {@code
 * response.function_call_arguments.delta}/{@code .done} events joined per item. Each call is named
 * with the digest of its canonical arguments ({@link CanonicalJson}); arguments that are not JSON
 * are digested as the string they are. What it cannot read yields no calls.
 */
public final class OpenAiResponseReader {

  private OpenAiResponseReader() {}

  /** A call being assembled from a stream. */
  private static final class Pending {
    String name;
    final StringBuilder arguments = new StringBuilder();
    String done;
  }

  public static List<ToolCall> toolCalls(String body, boolean eventStream) {
    Map<String, Pending> calls = new LinkedHashMap<>();
    if (eventStream) {
      for (String event : body.split("\r?\n\r?\n")) {
        StringBuilder data = new StringBuilder();
        for (String line : event.split("\r?\n")) {
          if (line.startsWith("data:")) {
            data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
          }
        }
        JsonValue chunk = parse(data.toString());
        if (chunk instanceof JsonObject c) {
          streamed(c, calls);
        }
      }
    } else if (parse(body) instanceof JsonObject answer) {
      whole(answer, calls);
    }
    List<ToolCall> out = new ArrayList<>();
    for (Pending p : calls.values()) {
      if (p.name != null) {
        String arguments = p.done != null ? p.done : p.arguments.toString();
        JsonValue parsed = parse(arguments);
        out.add(
            ToolCall.of(p.name, parsed != null ? parsed : Jsonp.PROVIDER.createValue(arguments)));
      }
    }
    return out;
  }

  private static void whole(JsonObject answer, Map<String, Pending> calls) {
    if (answer.get("choices") instanceof JsonArray choices) {
      int c = 0;
      for (JsonValue choice : choices) {
        if (choice instanceof JsonObject ch
            && ch.get("message") instanceof JsonObject message
            && message.get("tool_calls") instanceof JsonArray toolCalls) {
          int i = 0;
          for (JsonValue call : toolCalls) {
            if (call instanceof JsonObject tc && tc.get("function") instanceof JsonObject f) {
              Pending p = calls.computeIfAbsent(c + "/" + i, k -> new Pending());
              p.name = string(f, "name");
              p.done = string(f, "arguments");
            }
            i++;
          }
        }
        c++;
      }
    }
    if (answer.get("output") instanceof JsonArray output) {
      int i = 0;
      for (JsonValue item : output) {
        if (item instanceof JsonObject it && "function_call".equals(string(it, "type"))) {
          Pending p = calls.computeIfAbsent("out/" + i, k -> new Pending());
          p.name = string(it, "name");
          p.done = string(it, "arguments");
        }
        i++;
      }
    }
  }

  private static void streamed(JsonObject chunk, Map<String, Pending> calls) {
    if (chunk.get("choices") instanceof JsonArray choices) {
      for (JsonValue choice : choices) {
        if (choice instanceof JsonObject ch
            && ch.get("delta") instanceof JsonObject delta
            && delta.get("tool_calls") instanceof JsonArray toolCalls) {
          String c = ch.containsKey("index") ? ch.get("index").toString() : "0";
          for (JsonValue call : toolCalls) {
            if (call instanceof JsonObject tc) {
              String i = tc.containsKey("index") ? tc.get("index").toString() : "0";
              Pending p = calls.computeIfAbsent(c + "/" + i, k -> new Pending());
              if (tc.get("function") instanceof JsonObject f) {
                if (p.name == null && string(f, "name") != null) {
                  p.name = string(f, "name");
                }
                if (string(f, "arguments") != null) {
                  p.arguments.append(string(f, "arguments"));
                }
              }
            }
          }
        }
      }
      return;
    }
    String type = string(chunk, "type");
    if (type == null) {
      return;
    }
    switch (type) {
      case "response.output_item.added", "response.output_item.done" -> {
        if (chunk.get("item") instanceof JsonObject item
            && "function_call".equals(string(item, "type"))) {
          Pending p = calls.computeIfAbsent(itemKey(chunk, item), k -> new Pending());
          p.name = p.name == null ? string(item, "name") : p.name;
          if (type.endsWith(".done") && string(item, "arguments") != null) {
            p.done = string(item, "arguments");
          }
        }
      }
      case "response.function_call_arguments.delta" -> {
        Pending p = calls.computeIfAbsent(itemKey(chunk, null), k -> new Pending());
        if (string(chunk, "delta") != null) {
          p.arguments.append(string(chunk, "delta"));
        }
      }
      case "response.function_call_arguments.done" -> {
        Pending p = calls.computeIfAbsent(itemKey(chunk, null), k -> new Pending());
        if (string(chunk, "arguments") != null) {
          p.done = string(chunk, "arguments");
        }
      }
      default -> {
        // text deltas, lifecycle events: no tool call
      }
    }
  }

  /** A Responses item's key: its id, else its output index. */
  private static String itemKey(JsonObject event, JsonObject item) {
    String id = item != null ? string(item, "id") : string(event, "item_id");
    if (id != null) {
      return "item/" + id;
    }
    return "index/" + (event.containsKey("output_index") ? event.get("output_index") : "0");
  }

  private static String string(JsonObject object, String key) {
    return object.get(key) instanceof JsonString s ? s.getString() : null;
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
