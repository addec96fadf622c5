package dev.gatehouse.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One change an operator made: who, when, what, and the object before and after as JSON. The
 * before/after documents are the same redacted views the admin API shows, so no secret (nor a
 * client-certificate key) is ever written here.
 */
@Entity
@Table(name = "admin_event")
@NamedQuery(
    name = "AdminEvent.findRecent",
    query = "SELECT e FROM AdminEvent e ORDER BY e.occurredAt DESC, e.id")
public class AdminEvent {

  @Id
  @Column(length = 36)
  private String id = UUID.randomUUID().toString();

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt = Instant.now();

  @Column(nullable = false, length = 255)
  private String actor;

  @Column(nullable = false, length = 32)
  private String action;

  @Column(name = "target_kind", nullable = false, length = 32)
  private String targetKind;

  @Column(name = "target_name", length = 255)
  private String targetName;

  @Column(name = "before_json", length = 65536)
  private String beforeJson;

  @Column(name = "after_json", length = 65536)
  private String afterJson;

  protected AdminEvent() {}

  public AdminEvent(
      String actor,
      String action,
      String targetKind,
      String targetName,
      String beforeJson,
      String afterJson) {
    this.actor = actor;
    this.action = action;
    this.targetKind = targetKind;
    this.targetName = targetName;
    this.beforeJson = beforeJson;
    this.afterJson = afterJson;
  }

  public String getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  public String getActor() {
    return actor;
  }

  public String getAction() {
    return action;
  }

  public String getTargetKind() {
    return targetKind;
  }

  public String getTargetName() {
    return targetName;
  }

  public String getBeforeJson() {
    return beforeJson;
  }

  public String getAfterJson() {
    return afterJson;
  }
}
