package dev.gatehouse.connection;

/**
 * A connection's agent budgets, each per caller, as the data path sees them; {@code null} means no
 * budget of that kind.
 *
 * @param toolCallsPerSession MCP tool calls one caller may make in one MCP session
 * @param toolCallsPerWindow MCP tool calls one caller may make per window
 * @param tokensPerWindow model tokens (input and output, as the answers report them) one caller may
 *     spend per window
 * @param windowSeconds the length of the budget window; {@code null}: the connection's rate-limit
 *     window
 * @param maxToolResultBytes the longest answer to an MCP tool call that is relayed; a longer one is
 *     cut
 */
public record BudgetSettings(
    Integer toolCallsPerSession,
    Integer toolCallsPerWindow,
    Long tokensPerWindow,
    Integer windowSeconds,
    Long maxToolResultBytes) {

  /** No budget at all. */
  public static final BudgetSettings NONE = new BudgetSettings(null, null, null, null, null);

  /** Whether any budget applies (a window alone is none). */
  public boolean any() {
    return toolCallsPerSession != null
        || toolCallsPerWindow != null
        || tokensPerWindow != null
        || maxToolResultBytes != null;
  }
}
