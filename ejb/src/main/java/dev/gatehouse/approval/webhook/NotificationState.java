package dev.gatehouse.approval.webhook;

/** {@code PENDING → DELIVERED | FAILED} (FAILED once the attempts are used up). */
public enum NotificationState {
  PENDING,
  DELIVERED,
  FAILED
}
