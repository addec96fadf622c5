package dev.gatehouse.agent;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Screens the tools of an MCP {@code tools/list} answer for its caller, one listing at a time and
 * before any of it is relayed. Every listed definition goes into the {@link ToolInventory} first —
 * pinned at first sight, quarantining its tool when it differs from the pin — and then a tool is
 * kept only if the caller may see it, its listed definition is the pinned one, and it is not
 * quarantined. So a definition that changed in this very answer is already hidden in it. When the
 * inventory cannot be written or read, the answer ends with an error instead (fail closed).
 */
final class ToolListScreen implements ToolListFilter.Screen {

  private final ToolInventory inventory;
  private final String connection;
  private final Predicate<String> visible;

  /**
   * @param visible whether the caller may see a tool, by name (the tool rules)
   */
  ToolListScreen(ToolInventory inventory, String connection, Predicate<String> visible) {
    this.inventory = inventory;
    this.connection = connection;
    this.visible = visible;
  }

  @Override
  public List<JsonValue> kept(JsonArray tools) throws IOException {
    List<ToolDefinition> definitions = new ArrayList<>(tools.size());
    for (JsonValue tool : tools) {
      definitions.add(tool instanceof JsonObject t ? McpResponseReader.definition(t) : null);
    }
    Map<String, ToolInventory.Pin> pins;
    try {
      pins =
          inventory.listed(
              connection, definitions.stream().filter(java.util.Objects::nonNull).toList());
    } catch (SQLException e) {
      throw new IOException("The tool inventory cannot be read; the tool list is not relayed.", e);
    }
    List<JsonValue> kept = new ArrayList<>(tools.size());
    for (int i = 0; i < tools.size(); i++) {
      ToolDefinition definition = definitions.get(i);
      // A tool without a name cannot be called by one: passed as it came.
      if (definition == null || shown(definition, pins)) {
        kept.add(tools.get(i));
      }
    }
    return kept;
  }

  private boolean shown(ToolDefinition definition, Map<String, ToolInventory.Pin> pins) {
    String name = definition.name();
    ToolInventory.Pin pin =
        pins.get(
            name.length() <= ToolInventory.MAX_NAME_CHARS
                ? name
                : name.substring(0, ToolInventory.MAX_NAME_CHARS));
    return visible.test(name) && pin != null && pin.admits(definition.fingerprint());
  }
}
