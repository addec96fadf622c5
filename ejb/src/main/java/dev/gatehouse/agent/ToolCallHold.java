package dev.gatehouse.agent;

/**
 * A tool call a tool rule holds for a reviewer, attached to the exchange by the policy step for the
 * approval gate: the approval it waits for is bound to exactly this call — its tool, the digest of
 * its canonical arguments — and to the rule that held it, at that rule's version.
 *
 * @param call the tool call
 * @param ruleId the id of the rule that holds it
 * @param ruleVersion that rule's version
 * @param jsonRpc whether the caller speaks JSON-RPC (MCP) and reads the hold as a JSON-RPC error
 */
public record ToolCallHold(ToolCall call, String ruleId, long ruleVersion, boolean jsonRpc) {}
