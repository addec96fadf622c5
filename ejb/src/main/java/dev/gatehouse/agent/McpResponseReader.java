package dev.gatehouse.agent;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tools an MCP server lists in its answer to {@code tools/list}, whether it answered with
 * one JSON-RPC response or with an event stream whose events carry JSON-RPC messages. What it
 * cannot read yields no tools: the inventory is an account, not a gate. Where a member is named
 * twice the last counts, as in the clients this answer goes to; a schema that names one twice has
 * no canonical form, and its message yields no tools.
 */
public final class McpResponseReader {

  private McpResponseReader() {}

  public static List<ToolDefinition> toolsListed(String body, boolean eventStream) {
    List<ToolDefinition> tools = new ArrayList<>();
    if (eventStream) {
      SseEvents.eachData(body, data -> collect(data, tools));
    } else {
      collect(body, tools);
    }
    return tools;
  }

  /** The tools of one JSON-RPC message, read as events: only the tools are kept. */
  private static void collect(String json, List<ToolDefinition> into) {
    List<ToolDefinition> found = new ArrayList<>();
    try (JsonStream stream = new JsonStream(json)) {
      Event first = stream.first();
      if (first == Event.START_OBJECT) {
        for (Event e = stream.next(); e != Event.END_OBJECT; e = stream.next()) {
          boolean result = stream.string().equals("result");
          Event value = stream.next();
          if (result && value == Event.START_OBJECT) {
            found.clear();
            result(stream, found);
          } else {
            stream.skip(value);
          }
        }
      } else {
        stream.skip(first);
      }
      stream.end();
    } catch (RuntimeException e) {
      return;
    }
    into.addAll(found);
  }

  private static void result(JsonStream stream, List<ToolDefinition> into) {
    for (Event e = stream.next(); e != Event.END_OBJECT; e = stream.next()) {
      boolean tools = stream.string().equals("tools");
      Event value = stream.next();
      if (!tools || value != Event.START_ARRAY) {
        stream.skip(value);
        continue;
      }
      into.clear();
      for (Event t = stream.next(); t != Event.END_ARRAY; t = stream.next()) {
        if (t == Event.START_OBJECT) {
          ToolDefinition definition = definition(stream);
          if (definition != null) {
            into.add(definition);
          }
        } else {
          stream.skip(t);
        }
      }
    }
  }

  /** One listed tool whose {@code START_OBJECT} was the last event, or null when it has no name. */
  private static ToolDefinition definition(JsonStream stream) {
    String name = null;
    String description = null;
    String schema = null;
    Boolean destructive = null;
    for (Event e = stream.next(); e != Event.END_OBJECT; e = stream.next()) {
      String key = stream.string();
      Event value = stream.next();
      switch (key) {
        case "name" -> name = stream.stringOrSkip(value);
        case "description" -> description = stream.stringOrSkip(value);
        case "inputSchema" -> schema = stream.canonical(value);
        case "annotations" -> destructive = destructiveHint(stream, value);
        default -> stream.skip(value);
      }
    }
    return name == null ? null : ToolDefinition.ofCanonical(name, description, schema, destructive);
  }

  /** The {@code destructiveHint} of a tool's annotations: true only when it is {@code true}. */
  private static Boolean destructiveHint(JsonStream stream, Event value) {
    Boolean destructive = null;
    if (value != Event.START_OBJECT) {
      stream.skip(value);
      return null;
    }
    for (Event e = stream.next(); e != Event.END_OBJECT; e = stream.next()) {
      boolean hint = stream.string().equals("destructiveHint");
      Event v = stream.next();
      if (hint) {
        destructive = v == Event.VALUE_TRUE;
      }
      stream.skip(v);
    }
    return destructive;
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
}
