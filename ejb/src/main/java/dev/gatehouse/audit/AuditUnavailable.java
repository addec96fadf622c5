package dev.gatehouse.audit;

/** The audit trail could not be written in time; the gateway must not forward unaudited. */
public class AuditUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  AuditUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
