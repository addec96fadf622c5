package dev.gatehouse.demo.json;

/**
 * Thrown when text is not valid JSON. It carries the character offset so that callers can return a
 * precise "invalid request" message instead of a generic failure.
 */
public final class JsonSyntaxException extends RuntimeException {

  private final int offset;

  JsonSyntaxException(String message, int offset) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  /** The zero-based character offset at which parsing failed. */
  public int offset() {
    return offset;
  }
}
