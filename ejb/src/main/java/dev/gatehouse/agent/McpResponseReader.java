package dev.gatehouse.agent;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tools an MCP server lists in its answer to {@code tools/list}, whether it answered with
 * one JSON-RPC response or with an event stream whose events carry JSON-RPC messages. What it
 * cannot read yields no tools: the inventory is an account, not a gate.
 */
public final class McpResponseReader {

  private McpResponseReader() {}

  public static List<ToolDefinition> toolsListed(String body, boolean eventStream) {
    List<ToolDefinition> tools = new ArrayList<>();
    if (eventStream) {
      StringBuilder data = new StringBuilder();
      for (String line : body.split("\r?\n", -1)) {
        if (line.startsWith("data:")) {
          data.append(line.substring(line.startsWith("data: ") ? 6 : 5)).append('\n');
        } else if (line.isEmpty() && data.length() > 0) {
          collect(data.toString(), tools);
          data.setLength(0);
        }
      }
      if (data.length() > 0) {
        collect(data.toString(), tools);
      }
    } else {
      collect(body, tools);
    }
    return tools;
  }

  private static void collect(String json, List<ToolDefinition> into) {
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
}
