package dev.gatehouse.agent;

import dev.gatehouse.admin.AdminEvent;
import dev.gatehouse.admin.AdminEventRepository;
import dev.gatehouse.platform.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An admin accepts the definition a quarantined tool now lists: it becomes the pin, and the tool is
 * listed and callable again. Only the definition the admin reviewed is accepted (named by its
 * fingerprint), and the acceptance is recorded as an {@link AdminEvent} ({@code ACCEPT_TOOL}, the
 * pinned definition before and after) in the same transaction: the inventory's connection, taken
 * inside this bean's container transaction, is enlisted in it (Payara shares one connection per
 * resource and transaction), so the pin and its event commit or roll back together.
 */
@Stateless
public class ToolAcceptance {

  private static final Logger LOG = Logger.getLogger(ToolAcceptance.class.getName());

  /** The width of {@code admin_event.before_json} and {@code after_json}. */
  private static final int MAX_EVENT_JSON_CHARS = 65_536;

  @Inject ToolInventory inventory;

  @Inject AdminEventRepository events;

  /**
   * Accepts the pending definition of a quarantined tool.
   *
   * @param reviewedFingerprint the fingerprint of the definition the admin reviewed, or null to
   *     accept the one pending now
   * @return the tool's definitions after
   * @throws ToolReviewRefused 404 for an unknown tool, 409 when there is nothing to accept or the
   *     pending definition is no longer the one reviewed
   */
  public ToolInventory.Review accept(
      String connection, String tool, String reviewedFingerprint, String actor) {
    try {
      ToolInventory.Review before =
          inventory
              .review(connection, tool)
              .orElseThrow(
                  () ->
                      new ToolReviewRefused(
                          404, "unknown_tool", "No tool by that name was seen on the connection."));
      if (!before.quarantined()) {
        throw new ToolReviewRefused(
            409,
            "tool_not_quarantined",
            "The tool is not quarantined: there is no new definition to accept.");
      }
      String accepted =
          reviewedFingerprint == null ? before.pendingFingerprint() : reviewedFingerprint;
      if (!accepted.equals(before.pendingFingerprint())
          || !inventory.accept(connection, tool, accepted, actor)) {
        throw new ToolReviewRefused(
            409,
            "definition_changed",
            "The server has listed another definition since the one reviewed; review it again.");
      }
      ToolInventory.Review after = inventory.review(connection, tool).orElseThrow();
      events.record(
          new AdminEvent(
              actor,
              "ACCEPT_TOOL",
              "tool",
              connection + "/" + tool,
              pinned(before, before.pinnedFingerprint(), before.pinnedDefinition()),
              pinned(after, after.pinnedFingerprint(), after.pinnedDefinition())));
      return after;
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "The tool inventory of " + connection + " cannot be read", e);
      throw new ToolReviewRefused(
          503, "store_unavailable", "The tool inventory cannot be read; nothing was accepted.");
    }
  }

  /** The event's view of a pin: connection, tool, fingerprint and the definition itself. */
  private static String pinned(ToolInventory.Review review, String fingerprint, String definition) {
    String whole = view(review, fingerprint, parse(definition));
    // Too wide for the event: the fingerprint still names the definition.
    return whole.length() <= MAX_EVENT_JSON_CHARS
        ? whole
        : view(review, fingerprint, JsonValue.NULL);
  }

  private static String view(
      ToolInventory.Review review, String fingerprint, JsonValue definition) {
    return Jsonp.PROVIDER
        .createObjectBuilder()
        .add("connection", review.connection())
        .add("tool", review.tool())
        .add(
            "fingerprint",
            fingerprint == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(fingerprint))
        .add("definition", definition)
        .build()
        .toString();
  }

  private static JsonValue parse(String definition) {
    if (definition == null) {
      return JsonValue.NULL;
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(definition))) {
      return reader.readValue();
    } catch (JsonException e) {
      return Jsonp.PROVIDER.createValue(definition);
    }
  }
}
