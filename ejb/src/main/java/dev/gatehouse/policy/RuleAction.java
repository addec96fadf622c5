package dev.gatehouse.policy;

/** What happens when a rule matches. */
public enum RuleAction {
  /** Refuse with 403 {@code policy_blocked}; nothing is forwarded. */
  BLOCK,
  /** Forward, and record the hit. */
  WARN,
  /** Hold the request for a reviewer (the approval flow). */
  REQUIRE_APPROVAL,
  /**
   * Let a tool call through ({@code TOOL} rules only): what a connection whose tool default is
   * {@code deny} needs to name the tools it allows. Deny beats approval beats allow.
   */
  ALLOW
}
