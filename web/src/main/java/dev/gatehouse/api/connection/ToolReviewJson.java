package dev.gatehouse.api.connection;

import dev.gatehouse.agent.ToolInventory;
import dev.gatehouse.agent.ToolReviewRefused;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;

/**
 * The JSON form of a tool's review, and of an acceptance's body. A review: the pinned definition
 * and, while the tool is quarantined, the one awaiting acceptance, each as the canonical {@code
 * {name, description, schema}} object its fingerprint is taken of ({@code null} where it was too
 * wide to keep).
 */
final class ToolReviewJson {

  private ToolReviewJson() {}

  static JsonObject write(ToolInventory.Review review) {
    JsonObjectBuilder b =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("connection", review.connection())
            .add("name", review.tool())
            .add("quarantined", review.quarantined());
    text(b, "pinnedFingerprint", review.pinnedFingerprint());
    time(b, "pinnedAt", review.pinnedAt());
    text(b, "pinnedBy", review.pinnedBy());
    b.add("pinnedDefinition", definition(review.pinnedDefinition()));
    time(b, "quarantinedAt", review.quarantinedAt());
    text(b, "pendingFingerprint", review.pendingFingerprint());
    b.add("pendingDefinition", definition(review.pendingDefinition()));
    return b.build();
  }

  /** The fingerprint an acceptance's body names, or null for none (an empty body, or no member). */
  static String reviewedFingerprint(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    JsonValue fingerprint;
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (!(value instanceof JsonObject object)) {
        throw new JsonException("not an object");
      }
      fingerprint = object.get("fingerprint");
    } catch (JsonException e) {
      throw new ToolReviewRefused(
          400, "invalid_request", "The body is not a JSON object {\"fingerprint\": ...}.");
    }
    if (fingerprint == null || fingerprint == JsonValue.NULL) {
      return null;
    }
    if (!(fingerprint instanceof JsonString text) || !text.getString().matches("[0-9a-f]{64}")) {
      throw new ToolReviewRefused(
          400, "invalid_request", "fingerprint must be 64 lower-case hex digits (SHA-256).");
    }
    return text.getString();
  }

  private static JsonValue definition(String canonical) {
    if (canonical == null) {
      return JsonValue.NULL;
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(canonical))) {
      return reader.readValue();
    } catch (JsonException e) {
      return Jsonp.PROVIDER.createValue(canonical);
    }
  }

  private static void text(JsonObjectBuilder b, String name, String value) {
    b.add(name, value == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(value));
  }

  private static void time(JsonObjectBuilder b, String name, Instant value) {
    text(b, name, value == null ? null : value.toString());
  }
}
