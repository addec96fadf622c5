package dev.gatehouse.agent;

import dev.gatehouse.platform.JsonText;
import jakarta.json.JsonValue;

/**
 * A tool as a server or a request defines it.
 *
 * @param name the tool's name
 * @param description its description, or {@code null}
 * @param fingerprint hex SHA-256 of {@code definition}: a definition that changes under the same
 *     name changes its fingerprint
 * @param destructive the MCP {@code destructiveHint}, or {@code null} when not given
 * @param definition the canonical JSON ({@link CanonicalJson}) of {@code {name, description,
 *     schema}}, what the fingerprint is taken of and what an admin reviews when it changes
 */
public record ToolDefinition(
    String name, String description, String fingerprint, Boolean destructive, String definition) {

  static ToolDefinition of(String name, String description, JsonValue schema, Boolean destructive) {
    return ofCanonical(
        name, description, schema == null ? null : CanonicalJson.of(schema), destructive);
  }

  /**
   * A definition whose schema is already in canonical form ({@code null} when there is none), as
   * the streaming readers produce it.
   */
  static ToolDefinition ofCanonical(
      String name, String description, String canonicalSchema, Boolean destructive) {
    // {name, description, schema} in canonical member order: description, name, schema.
    StringBuilder canonical = new StringBuilder().append("{\"description\":");
    if (description == null) {
      canonical.append("null");
    } else {
      JsonText.quote(description, canonical);
    }
    canonical.append(",\"name\":");
    JsonText.quote(name, canonical);
    canonical
        .append(",\"schema\":")
        .append(canonicalSchema == null ? "null" : canonicalSchema)
        .append('}');
    String definition = canonical.toString();
    return new ToolDefinition(
        name, description, CanonicalJson.sha256Of(definition), destructive, definition);
  }

  /** A tool known by its name only (called before any list defined it). */
  static ToolDefinition placeholder(String name) {
    return ofCanonical(name, null, null, null);
  }
}
