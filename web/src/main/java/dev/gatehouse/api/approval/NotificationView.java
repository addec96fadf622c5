package dev.gatehouse.api.approval;

import dev.gatehouse.approval.webhook.WebhookNotification;
import java.time.Instant;

/** A webhook notification's delivery record (the payload is left out; it is in the event). */
public record NotificationView(
    String id,
    String event,
    String subjectId,
    String status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant deliveredAt,
    Integer lastStatus,
    String lastError) {

  public static NotificationView of(WebhookNotification n) {
    return new NotificationView(
        n.getId(),
        n.getEvent(),
        n.getSubjectId(),
        n.getState().name(),
        n.getAttempts(),
        n.getCreatedAt(),
        n.getNextAttemptAt(),
        n.getDeliveredAt(),
        n.getLastStatus(),
        n.getLastError());
  }
}
