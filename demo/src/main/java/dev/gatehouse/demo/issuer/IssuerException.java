package dev.gatehouse.demo.issuer;

/**
 * A failure the issuer reports to the user as a one-line message with exit code 2, as opposed to a
 * programming error that should surface with a stack trace.
 */
final class IssuerException extends Exception {

  IssuerException(String message) {
    super(message);
  }

  IssuerException(String message, Throwable cause) {
    super(message, cause);
  }
}
