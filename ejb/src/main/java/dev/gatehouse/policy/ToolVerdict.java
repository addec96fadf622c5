package dev.gatehouse.policy;

import java.util.List;

/**
 * What the tool rules say about one tool call: the effect, the rule that decided it ({@code null}
 * when no rule named the call and the connection's tool default decided), that rule's version (an
 * approval is bound to it), and every rule that matched, warnings included.
 */
public record ToolVerdict(
    Effect effect, RuleMatch deciding, long ruleVersion, List<RuleMatch> matches) {

  public ToolVerdict {
    matches = List.copyOf(matches);
  }

  /** Deny beats approve beats allow. */
  public enum Effect {
    ALLOW,
    APPROVE,
    DENY
  }
}
