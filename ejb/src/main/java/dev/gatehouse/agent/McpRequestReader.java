package dev.gatehouse.agent;

import jakarta.json.JsonValue.ValueType;
import jakarta.json.stream.JsonParser.Event;
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
    List<Message> messages = new ArrayList<>();
    boolean batch;
    boolean notMessages = false;
    // The whole body is read before any of it is judged: a body that is not JSON is a parse error
    // wherever the first thing wrong with it is.
    try (JsonStream json = new JsonStream(body)) {
      Event first = json.first();
      batch = first == Event.START_ARRAY;
      if (batch) {
        for (Event e = json.next(); e != Event.END_ARRAY; e = json.next()) {
          if (e == Event.START_OBJECT) {
            messages.add(Message.read(json));
          } else {
            notMessages = true;
            json.skip(e);
          }
        }
      } else if (first == Event.START_OBJECT) {
        messages.add(Message.read(json));
      } else {
        notMessages = true;
        json.skip(first);
      }
      json.end();
    } catch (DuplicateMember e) {
      throw invalid("mcp_invalid_request", e.getMessage(), null);
    } catch (RuntimeException e) {
      throw new AgentRequestRefused(
          "mcp_parse_error", "The MCP request is not JSON.", AgentRequestRefused.PARSE_ERROR, null);
    }
    if (batch) {
      if (protocolVersion != null && protocolVersion.compareTo(NO_BATCHES_SINCE) >= 0) {
        throw invalid(
            "mcp_batch_not_allowed",
            "JSON-RPC batches are not part of MCP " + protocolVersion + ".",
            null);
      }
      if (messages.isEmpty() && !notMessages) {
        throw invalid("mcp_invalid_request", "An empty JSON-RPC batch.", null);
      }
      if (notMessages) {
        throw invalid("mcp_invalid_request", "A batch element is not a JSON-RPC message.", null);
      }
    } else if (notMessages) {
      throw invalid("mcp_invalid_request", "The body is not a JSON-RPC message.", null);
    }
    String firstMethod = null;
    String firstId = null;
    List<ToolCall> calls = new ArrayList<>();
    for (Message message : messages) {
      String id = message.id;
      if (!"2.0".equals(message.jsonrpc)) {
        throw invalid("mcp_invalid_request", "The message is not JSON-RPC 2.0.", id);
      }
      if (!message.hasMethod) {
        if (!message.hasId || (!message.hasResult && !message.hasError)) {
          throw invalid(
              "mcp_invalid_request", "A message has neither a method nor a result or error.", id);
        }
        continue;
      }
      if (message.method == null || message.method.isEmpty()) {
        throw invalid("mcp_invalid_request", "The message's method is not a string.", id);
      }
      String m = message.method;
      if (firstMethod == null) {
        firstMethod = m;
        firstId = id;
      }
      if (message.params != null
          && message.params != ValueType.OBJECT
          && message.params != ValueType.ARRAY) {
        throw invalid("mcp_invalid_request", "The message's params are not structured.", id);
      }
      if (m.equals("tools/call")) {
        calls.add(toolCall(message, id));
      }
      checkHeaders(messages.size(), m, message, mcpMethodHeader, mcpNameHeader, id);
    }
    return new AgentFacts(
        AgentProtocol.MCP, null, firstMethod, sessionId, List.of(), calls, firstId);
  }

  /**
   * What one JSON-RPC message says that the gateway reads; the rest of it is read past. A member
   * read here that is named twice refuses the message.
   */
  private static final class Message {
    String jsonrpc;
    boolean hasId;

    /** The id as raw JSON when it is a string or a number, else {@code null}. */
    String id;

    boolean hasMethod;

    /** The method when it is a string. */
    String method;

    /** The kind of {@code params}, {@code null} when there are none. */
    ValueType params;

    /** {@code params.name} and {@code params.uri} when they are strings. */
    String name;

    String uri;

    boolean hasArguments;

    /** {@code params.arguments} in canonical form when it is an object. */
    String arguments;

    boolean hasResult;
    boolean hasError;

    /** Reads the message whose {@code START_OBJECT} was the last event. */
    static Message read(JsonStream json) {
      Message m = new Message();
      int seen = 0;
      for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
        String key = json.string();
        Event value = json.next();
        switch (key) {
          case "jsonrpc" -> {
            seen = JsonStream.once(seen, 1, key);
            m.jsonrpc = json.stringOrSkip(value);
          }
          case "id" -> {
            seen = JsonStream.once(seen, 2, key);
            m.hasId = true;
            m.id =
                value == Event.VALUE_STRING || value == Event.VALUE_NUMBER
                    ? json.scalar().toString()
                    : null;
            json.skip(value);
          }
          case "method" -> {
            seen = JsonStream.once(seen, 4, key);
            m.hasMethod = true;
            m.method = json.stringOrSkip(value);
          }
          case "params" -> {
            seen = JsonStream.once(seen, 8, key);
            m.params = kind(value);
            if (value == Event.START_OBJECT) {
              m.readParams(json);
            } else {
              json.skip(value);
            }
          }
          case "result" -> {
            seen = JsonStream.once(seen, 16, key);
            m.hasResult = true;
            json.skip(value);
          }
          case "error" -> {
            seen = JsonStream.once(seen, 32, key);
            m.hasError = true;
            json.skip(value);
          }
          default -> json.skip(value);
        }
      }
      return m;
    }

    private void readParams(JsonStream json) {
      int seen = 0;
      for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
        String key = json.string();
        Event value = json.next();
        switch (key) {
          case "name" -> {
            seen = JsonStream.once(seen, 1, key);
            name = json.stringOrSkip(value);
          }
          case "uri" -> {
            seen = JsonStream.once(seen, 2, key);
            uri = json.stringOrSkip(value);
          }
          case "arguments" -> {
            seen = JsonStream.once(seen, 4, key);
            hasArguments = true;
            if (value == Event.START_OBJECT) {
              arguments = json.canonical(value);
            } else {
              json.skip(value);
            }
          }
          default -> json.skip(value);
        }
      }
    }

    private static ValueType kind(Event value) {
      return switch (value) {
        case START_OBJECT -> ValueType.OBJECT;
        case START_ARRAY -> ValueType.ARRAY;
        case VALUE_STRING -> ValueType.STRING;
        case VALUE_NUMBER -> ValueType.NUMBER;
        case VALUE_TRUE -> ValueType.TRUE;
        case VALUE_FALSE -> ValueType.FALSE;
        default -> ValueType.NULL;
      };
    }
  }

  private static ToolCall toolCall(Message message, String id) {
    if (message.params != ValueType.OBJECT || message.name == null) {
      throw invalid("mcp_invalid_request", "A tools/call without a tool name.", id);
    }
    if (message.hasArguments && message.arguments == null) {
      throw invalid("mcp_invalid_request", "The tool's arguments are not an object.", id);
    }
    String canonical = message.hasArguments ? message.arguments : "{}";
    return new ToolCall(message.name, CanonicalJson.sha256Of(canonical), canonical);
  }

  /** Headers of the stateless revision name the method and its target; they must be the body's. */
  private static void checkHeaders(
      int messageCount,
      String method,
      Message message,
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
      String target = method.startsWith("resources/") ? message.uri : message.name;
      if (target == null || !nameHeader.strip().equals(target)) {
        throw invalid(
            "mcp_header_mismatch", "The Mcp-Name header names another target than the body.", id);
      }
    }
  }

  private static AgentRequestRefused invalid(String reason, String detail, String id) {
    return new AgentRequestRefused(reason, detail, AgentRequestRefused.INVALID_REQUEST, id);
  }
}
