package dev.gatehouse.agent;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObject;
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
    JsonObject identity =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("name", name)
            .add(
                "description",
                description == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(description))
            .add("schema", schema == null ? JsonValue.NULL : schema)
            .build();
    String canonical = CanonicalJson.of(identity);
    return new ToolDefinition(
        name, description, CanonicalJson.sha256Of(canonical), destructive, canonical);
  }

  /** A tool known by its name only (called before any list defined it). */
  static ToolDefinition placeholder(String name) {
    return of(name, null, null, null);
  }
}
