package dev.gatehouse.api.approval;

/**
 * The body of a new grant: who ({@code subject}), which connection, for how long (seconds, or
 * minutes), and why.
 */
public class GrantRequest {

  private String subject;
  private String connection;
  private Long durationSeconds;
  private Long durationMinutes;
  private String reason;

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public String getConnection() {
    return connection;
  }

  public void setConnection(String connection) {
    this.connection = connection;
  }

  public Long getDurationSeconds() {
    return durationSeconds;
  }

  public void setDurationSeconds(Long durationSeconds) {
    this.durationSeconds = durationSeconds;
  }

  public Long getDurationMinutes() {
    return durationMinutes;
  }

  public void setDurationMinutes(Long durationMinutes) {
    this.durationMinutes = durationMinutes;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
