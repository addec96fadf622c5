package dev.gatehouse.approval.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One webhook notification in the outbox, with its delivery history: attempts so far, the last HTTP
 * status or error, when it is tried next. The payload holds no request body and no secret.
 */
@Entity
@Table(name = "approval_notification")
@NamedQuery(
    name = "WebhookNotification.due",
    query =
        "SELECT n FROM WebhookNotification n"
            + " WHERE n.state = dev.gatehouse.approval.webhook.NotificationState.PENDING"
            + " AND n.nextAttemptAt <= :now ORDER BY n.nextAttemptAt")
@NamedQuery(
    name = "WebhookNotification.claim",
    query =
        "UPDATE WebhookNotification n SET n.nextAttemptAt = :leaseUntil, n.version = n.version + 1"
            + " WHERE n.id = :id AND n.version = :version"
            + " AND n.state = dev.gatehouse.approval.webhook.NotificationState.PENDING")
public class WebhookNotification {

  @Id
  @Column(length = 36)
  private String id = UUID.randomUUID().toString();

  @Column(nullable = false, length = 32)
  private String event;

  /** The approval or grant the notification is about. */
  @Column(name = "subject_id", nullable = false, length = 36)
  private String subjectId;

  @Column(nullable = false, length = 65536)
  private String payload;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private NotificationState state = NotificationState.PENDING;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "delivered_at")
  private Instant deliveredAt;

  @Column(name = "last_status")
  private Integer lastStatus;

  @Column(name = "last_error", length = 1024)
  private String lastError;

  @Version private long version;

  protected WebhookNotification() {}

  public WebhookNotification(
      String id, String event, String subjectId, String payload, Instant now) {
    this.id = id;
    this.event = event;
    this.subjectId = subjectId;
    this.payload = payload;
    this.createdAt = now;
    this.nextAttemptAt = now;
  }

  /** Records a successful delivery. */
  void delivered(int status, Instant now) {
    attempts++;
    state = NotificationState.DELIVERED;
    lastStatus = status;
    lastError = null;
    deliveredAt = now;
  }

  /**
   * Records a failed attempt: tried again at {@code next}, or given up when {@code next} is null.
   */
  void failed(Integer status, String error, Instant next) {
    attempts++;
    lastStatus = status;
    lastError = error == null || error.length() <= 1024 ? error : error.substring(0, 1024);
    if (next == null) {
      state = NotificationState.FAILED;
    } else {
      nextAttemptAt = next;
    }
  }

  public String getId() {
    return id;
  }

  public String getEvent() {
    return event;
  }

  public String getSubjectId() {
    return subjectId;
  }

  public String getPayload() {
    return payload;
  }

  public NotificationState getState() {
    return state;
  }

  public int getAttempts() {
    return attempts;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getNextAttemptAt() {
    return nextAttemptAt;
  }

  public Instant getDeliveredAt() {
    return deliveredAt;
  }

  public Integer getLastStatus() {
    return lastStatus;
  }

  public String getLastError() {
    return lastError;
  }

  public long getVersion() {
    return version;
  }
}
