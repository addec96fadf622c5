package dev.gatehouse.agent;

import jakarta.ejb.ApplicationException;

/**
 * An acceptance of a tool definition that is not made: no such tool (404 {@code unknown_tool}),
 * nothing to accept (409 {@code tool_not_quarantined}), another definition listed since the one
 * reviewed (409 {@code definition_changed}), or the inventory unreadable (503 {@code
 * store_unavailable}). Rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class ToolReviewRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String reason;

  public ToolReviewRefused(int status, String reason, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }
}
