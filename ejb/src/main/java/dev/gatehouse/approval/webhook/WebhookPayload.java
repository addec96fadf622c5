package dev.gatehouse.approval.webhook;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * The JSON a receiver gets: {@code text} first, so a Slack (or Mattermost, Teams workflow) incoming
 * webhook shows it as the message, then the machine-readable fields.
 */
final class WebhookPayload {

  private WebhookPayload() {}

  static String of(
      String id,
      String event,
      Instant at,
      String text,
      String consoleUrl,
      String kind,
      JsonObject details) {
    return Jsonp.PROVIDER
        .createObjectBuilder()
        .add("text", text)
        .add("id", id)
        .add("event", event)
        .add("occurredAt", at.toString())
        .add("consoleUrl", consoleUrl)
        .add(kind.equals("grants") ? "grant" : "approval", details)
        .build()
        .toString();
  }
}
