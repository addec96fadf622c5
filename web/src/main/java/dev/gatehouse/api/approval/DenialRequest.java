package dev.gatehouse.api.approval;

/** The body of a denial: why. */
public class DenialRequest {

  private String reason;

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
