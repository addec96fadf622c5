package dev.gatehouse.connection;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A change to the registry that is not made: invalid fields (400 {@code invalid_request}), a
 * duplicate name (409), an unknown connection (404) or a stale version (412). Rolls the transaction
 * back; its message and field errors never repeat a secret.
 */
@ApplicationException(rollback = true)
public class ConnectionChangeRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String reason;
  private final transient List<FieldError> errors;

  public ConnectionChangeRefused(int status, String reason, String detail) {
    this(status, reason, detail, List.of());
  }

  public ConnectionChangeRefused(
      int status, String reason, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.reason = reason;
    this.errors = List.copyOf(errors);
  }

  public static ConnectionChangeRefused invalid(List<FieldError> errors) {
    return new ConnectionChangeRefused(
        400, "invalid_request", "The request has invalid fields.", errors);
  }

  public static ConnectionChangeRefused unknown() {
    return new ConnectionChangeRefused(
        404, "unknown_connection", "No connection is registered by that name.");
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
