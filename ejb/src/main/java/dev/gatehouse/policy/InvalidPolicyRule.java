package dev.gatehouse.policy;

/**
 * A policy rule that cannot be stored, naming the field at fault ({@code ""} for the rule or the
 * document as a whole). An {@link IllegalArgumentException}, as invalid rules have always been, so
 * callers that catch that keep working.
 */
public class InvalidPolicyRule extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String fault;

  public InvalidPolicyRule(String field, String fault) {
    this(field, fault, fault, null);
  }

  public InvalidPolicyRule(String field, String fault, Throwable cause) {
    this(field, fault, fault, cause);
  }

  private InvalidPolicyRule(String field, String fault, String detail, Throwable cause) {
    super(detail, cause);
    this.field = field;
    this.fault = fault;
  }

  /** The JSON property path of the field at fault, for example {@code pattern}. */
  public String field() {
    return field;
  }

  /** What is wrong with the field, without naming where the rule stands. */
  public String fault() {
    return fault;
  }

  /**
   * The same fault of the rule at {@code place} in a document ({@code policies[2]}): the field and
   * the message name the place.
   */
  public InvalidPolicyRule at(String place) {
    return new InvalidPolicyRule(
        field.isEmpty() ? place : place + "." + field, fault, place + ": " + getMessage(), this);
  }
}
