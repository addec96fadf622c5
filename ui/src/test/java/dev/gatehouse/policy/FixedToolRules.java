package dev.gatehouse.policy;

import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.connection.AgentSettings.ToolDefault;
import java.util.List;
import java.util.Set;

/**
 * A {@link Denylist} over a fixed list of rules, compiled as the data path compiles them, without a
 * database: the tool rules' own judgement, for tests of what shows it.
 */
public class FixedToolRules extends Denylist {

  private final List<CompiledRule> rules;

  public FixedToolRules(PolicyRule... rules) {
    this.rules = java.util.Arrays.stream(rules).map(CompiledRule::compile).toList();
  }

  /** A rule on the tools the glob names, for every call and every caller. */
  public static PolicyRule tool(String name, String glob, RuleAction action) {
    PolicyRule rule = new PolicyRule();
    rule.setName(name);
    rule.setTarget(RuleTarget.TOOL);
    rule.setSelector(glob);
    rule.setPattern("");
    rule.setAction(action);
    return rule;
  }

  @Override
  public ToolVerdict judgeTool(
      ToolCall call, String connectionName, Set<String> callerGroups, ToolDefault fallback) {
    return judgeTool(rules, call, connectionName, callerGroups, fallback);
  }

  @Override
  public boolean toolVisible(
      String tool, String connectionName, Set<String> callerGroups, ToolDefault fallback) {
    return toolVisible(rules, tool, connectionName, callerGroups, fallback);
  }
}
