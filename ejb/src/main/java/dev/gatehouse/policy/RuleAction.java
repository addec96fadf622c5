package dev.gatehouse.policy;

/** What happens when a deny rule matches. */
public enum RuleAction {
  /** Refuse with 403 {@code policy_blocked}; nothing is forwarded. */
  BLOCK,
  /** Forward, and record the hit. */
  WARN,
  /** Hold the request for a reviewer (the approval flow). */
  REQUIRE_APPROVAL
}
