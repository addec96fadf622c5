package dev.gatehouse.agent;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON-RPC 2.0 body of an MCP POST (Streamable HTTP, every revision from {@code
 * 2025-03-26}): one message, or a batch where the revision allows it. Every message must be
 * JSON-RPC 2.0 — a request or notification with a string {@code method}, or a response with an
 * {@code id} and a {@code result} or {@code error}. The {@code Mcp-Method} and {@code Mcp-Name}
 * headers of the stateless revision must agree with the body, which is what the gateway decides on:
 * otherwise {@code Mcp-Name: get_weather} could carry a call of {@code delete_records}.
 */
public final class McpRequestReader {

  /** The first revision without JSON-RPC batches. */
  private static final String NO_BATCHES_SINCE = "2025-06-18";

  private McpRequestReader() {}

  /** The MCP facts of a POST body; refuses a body that is not valid MCP. */
  public static AgentFacts read(
      String body,
      String protocolVersion,
      String mcpMethodHeader,
      String mcpNameHeader,
      String sessionId) {
    JsonValue root;
    try {
      root = SingleJsonValue.read(body);
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
}
