package dev.gatehouse.agent;

import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.RuleHit;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes the client capabilities that invite the server to send requests of its own ({@code
 * sampling}, {@code elicitation}, {@code roots}) out of an MCP {@code initialize} request, for a
 * connection that does not allow server requests: a server that follows the protocol then never
 * asks. What a server sends anyway is dropped from its answers ({@link ServerRequestFilter}); this
 * is the courtesy, that the safeguard.
 *
 * <p>A body that declares none of them is forwarded as it came. One that does is forwarded written
 * anew without them (compact JSON, every other member as it was), and each capability removed is a
 * rule hit ({@code BLOCK}, {@code mcp:client-capability:<name>}). Members are read as JSON, so a
 * name written with escapes is found as well.
 */
final class InitializeCapabilities {

  /** The client capabilities under which a server may send requests. */
  static final List<String> INVITING = List.of("sampling", "elicitation", "roots");

  static final String WHERE = "mcp:client-capability:";

  /**
   * A body with capabilities taken out.
   *
   * @param body the body to forward
   * @param removed the capabilities taken out, in the order found
   */
  record Stripped(String body, List<String> removed) {}

  private InitializeCapabilities() {}

  /**
   * Replaces the exchange's body (already read and found valid MCP) with one without the inviting
   * capabilities, if it declares any, and records each one removed.
   */
  static void stripFrom(ProxyExchange exchange, byte[] body) {
    strip(new String(body, StandardCharsets.UTF_8))
        .ifPresent(
            stripped -> {
              exchange.replaceBody(stripped.body().getBytes(StandardCharsets.UTF_8));
              stripped
                  .removed()
                  .forEach(
                      name -> exchange.recordRuleHit(new RuleHit(null, "BLOCK", WHERE + name)));
            });
  }

  /**
   * The body without the inviting capabilities of its {@code initialize}, or empty if it has none.
   */
  static Optional<Stripped> strip(String body) {
    if (!body.contains("initialize") && !body.contains("\\u")) {
      // Cheap: a method named initialize is written so, or with escapes.
      return Optional.empty();
    }
    JsonValue root;
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(body))) {
      root = reader.readValue();
    } catch (RuntimeException e) {
      // McpRequestReader refused it already; nothing of it is forwarded.
      return Optional.empty();
    }
    List<String> removed = new ArrayList<>();
    JsonValue rewritten;
    if (root instanceof JsonObject message) {
      rewritten = stripped(message, removed);
    } else if (root instanceof JsonArray batch) {
      JsonArrayBuilder messages = Jsonp.PROVIDER.createArrayBuilder();
      batch.forEach(
          element ->
              messages.add(
                  element instanceof JsonObject message ? stripped(message, removed) : element));
      rewritten = messages.build();
    } else {
      return Optional.empty();
    }
    return removed.isEmpty()
        ? Optional.empty()
        : Optional.of(new Stripped(rewritten.toString(), List.copyOf(removed)));
  }

  /** The message without the inviting capabilities if it is an {@code initialize}. */
  private static JsonObject stripped(JsonObject message, List<String> removed) {
    if (!(message.get("method") instanceof JsonString method)
        || !method.getString().equals("initialize")
        || !(message.get("params") instanceof JsonObject params)
        || !(params.get("capabilities") instanceof JsonObject capabilities)) {
      return message;
    }
    JsonObjectBuilder kept = Jsonp.PROVIDER.createObjectBuilder(capabilities);
    boolean any = false;
    for (String name : INVITING) {
      if (capabilities.containsKey(name)) {
        kept.remove(name);
        removed.add(name);
        any = true;
      }
    }
    if (!any) {
      return message;
    }
    return Jsonp.PROVIDER
        .createObjectBuilder(message)
        .add("params", Jsonp.PROVIDER.createObjectBuilder(params).add("capabilities", kept))
        .build();
  }
}
