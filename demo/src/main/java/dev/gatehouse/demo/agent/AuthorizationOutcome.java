package dev.gatehouse.demo.agent;

/**
 * How a request's {@code Authorization} header compared with the agent credential. Only this
 * outcome is ever recorded or echoed, so tests can check what the gateway sent without the agent
 * ever exposing the credential itself.
 */
enum AuthorizationOutcome {
  MATCHES_CREDENTIAL("matches-credential"),
  MISMATCH("mismatch"),
  ABSENT("absent");

  private final String label;

  AuthorizationOutcome(String label) {
    this.label = label;
  }

  /** The value used in JSON output. */
  String label() {
    return label;
  }
}
