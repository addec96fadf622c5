package dev.gatehouse.agent;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
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
 * The agent readers as they were before they read streams: each body read into a tree first, then
 * looked at. Kept as the oracle of {@link StreamReadersEquivalenceTest} — the streaming readers
 * must find what these find.
 */
final class TreeReaders {

  private TreeReaders() {}

  /** The body as one JSON value, or an exception (what {@code SingleJsonValue} did). */
  static JsonValue single(String text) {
    try (var parser = Jsonp.PROVIDER.createParser(new StringReader(text))) {
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) {
        throw new IllegalArgumentException("More than one JSON value.");
      }
      return value;
    }
  }

  /** The first revision without JSON-RPC batches. */
  private static final String NO_BATCHES_SINCE = "2025-06-18";

  /** The MCP facts of a POST body; refuses a body that is not valid MCP. */
  static AgentFacts mcpRequest(
      String body,
      String protocolVersion,
      String mcpMethodHeader,
      String mcpNameHeader,
      String sessionId) {
    JsonValue root;
    try {
      root = single(body);
    } catch (RuntimeException e) {
      throw new AgentRequestRefused(
          "mcp_parse_error", "The MCP request is not JSON.", AgentRequestRefused.PARSE_ERROR, null);
    }
    List<JsonObject> messages = new ArrayList<>();
    if (root instanceof JsonArray batch) {
      if (protocolVersion != null && protocolVersion.compareTo(NO_BATCHES_SINCE) >= 0) {
        throw invalid(
            "mcp_batch_not_allowed",
            "JSON-RPC batches are not part of MCP " + protocolVersion + ".",
            null);
      }
      if (batch.isEmpty()) {
        throw invalid("mcp_invalid_request", "An empty JSON-RPC batch.", null);
      }
      for (JsonValue element : batch) {
        if (!(element instanceof JsonObject message)) {
          throw invalid("mcp_invalid_request", "A batch element is not a JSON-RPC message.", null);
        }
        messages.add(message);
      }
    } else if (root instanceof JsonObject message) {
      messages.add(message);
    } else {
      throw invalid("mcp_invalid_request", "The body is not a JSON-RPC message.", null);
    }
    String firstMethod = null;
    String firstId = null;
    List<ToolCall> calls = new ArrayList<>();
    for (JsonObject message : messages) {
      String id = rawId(message);
      if (!"2.0".equals(string(message, "jsonrpc"))) {
        throw invalid("mcp_invalid_request", "The message is not JSON-RPC 2.0.", id);
      }
      JsonValue method = message.get("method");
      if (method == null) {
        if (message.get("id") == null
            || (!message.containsKey("result") && !message.containsKey("error"))) {
          throw invalid(
              "mcp_invalid_request", "A message has neither a method nor a result or error.", id);
        }
        continue;
      }
      if (!(method instanceof JsonString name) || name.getString().isEmpty()) {
        throw invalid("mcp_invalid_request", "The message's method is not a string.", id);
      }
      String m = name.getString();
      if (firstMethod == null) {
        firstMethod = m;
        firstId = id;
      }
      JsonValue params = message.get("params");
      if (params != null
          && params.getValueType() != JsonValue.ValueType.OBJECT
          && params.getValueType() != JsonValue.ValueType.ARRAY) {
        throw invalid("mcp_invalid_request", "The message's params are not structured.", id);
      }
      if (m.equals("tools/call")) {
        calls.add(toolCall(params, id));
      }
      checkHeaders(messages.size(), m, params, mcpMethodHeader, mcpNameHeader, id);
    }
    return new AgentFacts(
        AgentProtocol.MCP, null, firstMethod, sessionId, List.of(), calls, firstId);
  }

  private static ToolCall toolCall(JsonValue params, String id) {
    if (!(params instanceof JsonObject p) || !(p.get("name") instanceof JsonString name)) {
      throw invalid("mcp_invalid_request", "A tools/call without a tool name.", id);
    }
    JsonValue arguments = p.getOrDefault("arguments", JsonValue.EMPTY_JSON_OBJECT);
    if (arguments.getValueType() != JsonValue.ValueType.OBJECT) {
      throw invalid("mcp_invalid_request", "The tool's arguments are not an object.", id);
    }
    return ToolCall.of(name.getString(), arguments);
  }

  /** Headers of the stateless revision name the method and its target; they must be the body's. */
  private static void checkHeaders(
      int messageCount,
      String method,
      JsonValue params,
      String methodHeader,
      String nameHeader,
      String id) {
    if (methodHeader == null && nameHeader == null) {
      return;
    }
    if (messageCount > 1) {
      throw invalid(
          "mcp_header_mismatch", "Mcp-Method and Mcp-Name describe a single message.", id);
    }
    if (methodHeader != null && !methodHeader.strip().equals(method)) {
      throw invalid(
          "mcp_header_mismatch", "The Mcp-Method header names another method than the body.", id);
    }
    if (nameHeader != null) {
      String target = target(method, params);
      if (target == null || !nameHeader.strip().equals(target)) {
        throw invalid(
            "mcp_header_mismatch", "The Mcp-Name header names another target than the body.", id);
      }
    }
  }

  /** What {@code Mcp-Name} names: the tool or prompt's name, or the resource's URI. */
  private static String target(String method, JsonValue params) {
    if (!(params instanceof JsonObject p)) {
      return null;
    }
    String key = method.startsWith("resources/") ? "uri" : "name";
    return p.get(key) instanceof JsonString s ? s.getString() : null;
  }

  private static String string(JsonObject object, String key) {
    return object.get(key) instanceof JsonString s ? s.getString() : null;
  }

  /** The message's id as raw JSON (a string or a number), or {@code null}. */
  private static String rawId(JsonObject message) {
    JsonValue id = message.get("id");
    if (id == null) {
      return null;
    }
    return switch (id.getValueType()) {
      case STRING, NUMBER -> id.toString();
      default -> null;
    };
  }

  private static AgentRequestRefused invalid(String reason, String detail, String id) {
    return new AgentRequestRefused(reason, detail, AgentRequestRefused.INVALID_REQUEST, id);
  }

  static AgentFacts openAiRequest(String body) {
    JsonValue root;
    try {
      root = single(body);
    } catch (RuntimeException e) {
      throw new AgentRequestRefused(
          "invalid_json", "The request body is not JSON.", AgentRequestRefused.PARSE_ERROR, null);
    }
    if (!(root instanceof JsonObject request)) {
      throw openAiRefused("The request body is not a JSON object.");
    }
    String model = request.get("model") instanceof JsonString s ? s.getString() : null;
    return new AgentFacts(
        AgentProtocol.OPENAI, model, null, null, toolsOffered(request), List.of(), null);
  }

  /**
   * The tools a request offers, defined: Chat Completions' {@code {type, function:{name,
   * description, parameters}}} and the Responses API's {@code {type, name, description,
   * parameters}}.
   */
  private static List<ToolDefinition> toolsOffered(JsonObject request) {
    List<ToolDefinition> offered = new ArrayList<>();
    if (request.get("tools") instanceof JsonArray tools) {
      for (JsonValue tool : tools) {
        if (tool instanceof JsonObject t) {
          JsonObject holder = t.get("function") instanceof JsonObject f ? f : t;
          if (holder.get("name") instanceof JsonString name) {
            String description =
                holder.get("description") instanceof JsonString d ? d.getString() : null;
            offered.add(
                ToolDefinition.of(name.getString(), description, holder.get("parameters"), null));
          }
        }
      }
    }
    return offered;
  }

  private static AgentRequestRefused openAiRefused(String detail) {
    return new AgentRequestRefused(
        "openai_invalid_request", detail, AgentRequestRefused.INVALID_REQUEST, null);
  }

  public static List<ToolDefinition> toolsListed(String body, boolean eventStream) {
    List<ToolDefinition> tools = new ArrayList<>();
    if (eventStream) {
      StringBuilder data = new StringBuilder();
      for (String line : body.split("\r?\n", -1)) {
        if (line.startsWith("data:")) {
          data.append(line.substring(line.startsWith("data: ") ? 6 : 5)).append('\n');
        } else if (line.isEmpty() && data.length() > 0) {
          collectTools(data.toString(), tools);
          data.setLength(0);
        }
      }
      if (data.length() > 0) {
        collectTools(data.toString(), tools);
      }
    } else {
      collectTools(body, tools);
    }
    return tools;
  }

  private static void collectTools(String json, List<ToolDefinition> into) {
    JsonValue message;
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      message = reader.readValue();
    } catch (RuntimeException e) {
      return;
    }
    if (!(message instanceof JsonObject m)
        || !(m.get("result") instanceof JsonObject result)
        || !(result.get("tools") instanceof JsonArray tools)) {
      return;
    }
    for (JsonValue tool : tools) {
      if (tool instanceof JsonObject t) {
        ToolDefinition definition = definition(t);
        if (definition != null) {
          into.add(definition);
        }
      }
    }
  }

  /** The definition of one tool of a {@code tools/list} result, or null when it has no name. */
  static ToolDefinition definition(JsonObject tool) {
    if (!(tool.get("name") instanceof JsonString name)) {
      return null;
    }
    String description = tool.get("description") instanceof JsonString d ? d.getString() : null;
    Boolean destructive = null;
    if (tool.get("annotations") instanceof JsonObject annotations
        && annotations.containsKey("destructiveHint")) {
      destructive = annotations.get("destructiveHint") == JsonValue.TRUE;
    }
    return ToolDefinition.of(name.getString(), description, tool.get("inputSchema"), destructive);
  }

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
              p.name = member(f, "name");
              p.done = member(f, "arguments");
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
        if (item instanceof JsonObject it && "function_call".equals(member(it, "type"))) {
          Pending p = calls.computeIfAbsent("out/" + i, k -> new Pending());
          p.name = member(it, "name");
          p.done = member(it, "arguments");
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
                if (p.name == null && member(f, "name") != null) {
                  p.name = member(f, "name");
                }
                if (member(f, "arguments") != null) {
                  p.arguments.append(member(f, "arguments"));
                }
              }
            }
          }
        }
      }
      return;
    }
    String type = member(chunk, "type");
    if (type == null) {
      return;
    }
    switch (type) {
      case "response.output_item.added", "response.output_item.done" -> {
        if (chunk.get("item") instanceof JsonObject item
            && "function_call".equals(member(item, "type"))) {
          Pending p = calls.computeIfAbsent(itemKey(chunk, item), k -> new Pending());
          p.name = p.name == null ? member(item, "name") : p.name;
          if (type.endsWith(".done") && member(item, "arguments") != null) {
            p.done = member(item, "arguments");
          }
        }
      }
      case "response.function_call_arguments.delta" -> {
        Pending p = calls.computeIfAbsent(itemKey(chunk, null), k -> new Pending());
        if (member(chunk, "delta") != null) {
          p.arguments.append(member(chunk, "delta"));
        }
      }
      case "response.function_call_arguments.done" -> {
        Pending p = calls.computeIfAbsent(itemKey(chunk, null), k -> new Pending());
        if (member(chunk, "arguments") != null) {
          p.done = member(chunk, "arguments");
        }
      }
      default -> {
        // text deltas, lifecycle events: no tool call
      }
    }
  }

  /** A Responses item's key: its id, else its output index. */
  private static String itemKey(JsonObject event, JsonObject item) {
    String id = item != null ? member(item, "id") : member(event, "item_id");
    if (id != null) {
      return "item/" + id;
    }
    return "index/" + (event.containsKey("output_index") ? event.get("output_index") : "0");
  }

  private static String member(JsonObject object, String key) {
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

  // ---- AnswerReader ----

  /** The usage an OpenAI-compatible answer reports. */
  static AgentAnswer openAiUsage(String body, boolean eventStream) {
    List<String> messages = eventStream ? eventData(body, "\"usage\"") : List.of(body);
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (parseAnswer(messages.get(i)) instanceof JsonObject message) {
        JsonObject usage = usageOf(message);
        if (usage != null) {
          Long input = tokens(usage, "prompt_tokens", "input_tokens");
          Long output = tokens(usage, "completion_tokens", "output_tokens");
          if (input != null || output != null) {
            return new AgentAnswer(input, output, null);
          }
        }
      }
    }
    return AgentAnswer.NOTHING;
  }

  /** Whether the response to the MCP request {@code jsonRpcId} reports a failed tool. */
  static AgentAnswer mcpToolResult(String body, boolean eventStream, String jsonRpcId) {
    List<String> messages = eventStream ? eventData(body, "\"result\"") : List.of(body);
    for (String text : messages) {
      if (parseAnswer(text) instanceof JsonObject message
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

  private static Long tokens(JsonObject usage, String name, String otherName) {
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

  private static JsonValue parseAnswer(String json) {
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
