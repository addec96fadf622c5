package dev.gatehouse.agent;

/**
 * One call of a tool, as the audit trail names it: the tool and the SHA-256 (hex) of its canonical
 * arguments ({@link CanonicalJson}), so that the exact call can be matched later without keeping
 * the arguments themselves anywhere but in the masked transcript. The canonical arguments travel
 * with the call in memory only, for the tool rules to look at; they are never stored.
 *
 * @param name the tool's name
 * @param argumentsSha256 hex SHA-256 of the canonical arguments ({@code {}} when there are none)
 * @param canonicalArguments the canonical arguments, or {@code null} where they were not kept
 */
public record ToolCall(String name, String argumentsSha256, String canonicalArguments) {

  /** A call whose arguments are known by their digest only. */
  public ToolCall(String name, String argumentsSha256) {
    this(name, argumentsSha256, null);
  }

  /** A call with its arguments: digested and kept in canonical form. */
  public static ToolCall of(String name, jakarta.json.JsonValue arguments) {
    String canonical = CanonicalJson.of(arguments);
    return new ToolCall(name, CanonicalJson.sha256Of(canonical), canonical);
  }

  @Override
  public String toString() {
    return "ToolCall[" + name + ", " + argumentsSha256 + "]";
  }
}
