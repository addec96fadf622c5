package dev.gatehouse.agent;

import java.util.Set;

/**
 * Judges the tool calls a model makes in its answer. Declared here, where answers are read, and
 * answered by the tool rules (in the policy wing, which this package does not import).
 */
public interface ToolJudge {

  /** Whether any tool call on the connection could be refused (a tool rule, or default deny). */
  boolean judges(String connectionName);

  /**
   * Why the caller may not receive this call, or {@code null} when it may: a call the rules deny,
   * or one they would hold — an answer cannot wait for a reviewer, so a held call is not released
   * either (fail closed).
   */
  Refusal refusal(String connectionName, ToolCall call, Set<String> callerGroups);

  /**
   * A tool call kept from the caller.
   *
   * @param reason {@code tool_denied} or {@code tool_requires_approval}
   * @param ruleId the deciding rule, or {@code null} when the connection's default decided
   * @param message what the caller is told
   */
  record Refusal(String reason, String ruleId, String message) {}
}
