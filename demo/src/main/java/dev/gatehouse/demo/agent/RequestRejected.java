package dev.gatehouse.demo.agent;

/**
 * Thrown by endpoint code to end a request with an OpenAI-style JSON error. Using an exception
 * keeps the endpoint code linear; {@link AgentHandler} turns it into the response.
 */
final class RequestRejected extends RuntimeException {

  private final int status;
  private final String errorType;
  private final String allowedMethods;

  private RequestRejected(int status, String errorType, String message, String allowedMethods) {
    super(message);
    this.status = status;
    this.errorType = errorType;
    this.allowedMethods = allowedMethods;
  }

  static RequestRejected invalidRequest(String message) {
    return new RequestRejected(400, "invalid_request", message, null);
  }

  static RequestRejected invalidCredential(String message) {
    return new RequestRejected(401, "invalid_credential", message, null);
  }

  static RequestRejected notFound(String message) {
    return new RequestRejected(404, "not_found", message, null);
  }

  static RequestRejected methodNotAllowed(String allowedMethods) {
    return new RequestRejected(
        405, "method_not_allowed", "Allowed methods: " + allowedMethods, allowedMethods);
  }

  int status() {
    return status;
  }

  String errorType() {
    return errorType;
  }

  /** The value for the {@code Allow} header, or {@code null} when not a 405. */
  String allowedMethods() {
    return allowedMethods;
  }
}
