package dev.gatehouse.agent;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A tool as a server or a request defines it.
 *
 * @param name the tool's name
 * @param description its description, or {@code null}
 * @param fingerprint hex SHA-256 of the canonical {@code {name, description, schema}}: a definition
 *     that changes under the same name changes its fingerprint
 * @param destructive the MCP {@code destructiveHint}, or {@code null} when not given
 */
public record ToolDefinition(
    String name, String description, String fingerprint, Boolean destructive) {

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
    return new ToolDefinition(name, description, CanonicalJson.sha256(identity), destructive);
  }
}
