package dev.gatehouse.budget;

import dev.gatehouse.connection.BudgetSettings;

/**
 * The budgets in force for one connection, the window resolved; {@code 0} means no budget.
 *
 * @param windowSeconds length of the counting window, at least 1
 * @param toolCallsPerSession MCP tool calls per caller and session
 * @param toolCallsPerWindow MCP tool calls per caller and window
 * @param tokensPerWindow model tokens per caller and window
 * @param maxToolResultBytes longest answer to an MCP tool call relayed
 */
public record Budget(
    int windowSeconds,
    int toolCallsPerSession,
    int toolCallsPerWindow,
    long tokensPerWindow,
    long maxToolResultBytes) {

  /**
   * The longest tool answer a budget may allow: a whole answer is read before it is relayed. The
   * API refuses more; a bootstrap file, which is not validated, is held to it here.
   */
  static final long MAX_TOOL_RESULT_BYTES = 16L << 20;

  /**
   * The connection's budgets.
   *
   * @param rateLimitWindowSeconds the connection's rate-limit window, used when the budgets name no
   *     window of their own: one window per connection unless an operator wants two
   */
  public static Budget of(BudgetSettings settings, int rateLimitWindowSeconds) {
    return new Budget(
        Math.max(
            1,
            settings.windowSeconds() != null ? settings.windowSeconds() : rateLimitWindowSeconds),
        settings.toolCallsPerSession() != null ? settings.toolCallsPerSession() : 0,
        settings.toolCallsPerWindow() != null ? settings.toolCallsPerWindow() : 0,
        settings.tokensPerWindow() != null ? settings.tokensPerWindow() : 0,
        settings.maxToolResultBytes() != null
            ? Math.min(settings.maxToolResultBytes(), MAX_TOOL_RESULT_BYTES)
            : 0);
  }
}
