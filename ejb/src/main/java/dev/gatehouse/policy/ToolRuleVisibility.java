package dev.gatehouse.policy;

import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.agent.ToolJudge;
import dev.gatehouse.agent.ToolVisibility;
import dev.gatehouse.connection.AgentSettings;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.UpstreamTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The tool rules' answers to the agent floor: which tools a caller sees listed — a tool every call
 * of which is denied to the caller is hidden ({@link Denylist#toolVisible}) — and whether a tool
 * call a model makes in its answer may reach the caller ({@link Denylist#judgeTool}).
 */
@ApplicationScoped
public class ToolRuleVisibility implements ToolVisibility, ToolJudge {

  @Inject Denylist denylist;

  @Inject ConnectionDirectory connections;

  @Override
  public boolean visible(String connectionName, String toolName, Set<String> callerGroups) {
    return denylist.toolVisible(toolName, connectionName, callerGroups, fallback(connectionName));
  }

  @Override
  public boolean judges(String connectionName) {
    return denylist.hasToolRules(connectionName)
        || fallback(connectionName) == AgentSettings.ToolDefault.DENY;
  }

  @Override
  public Refusal refusal(String connectionName, ToolCall call, Set<String> callerGroups) {
    ToolVerdict verdict =
        denylist.judgeTool(call, connectionName, callerGroups, fallback(connectionName));
    String ruleId = verdict.deciding() == null ? null : verdict.deciding().ruleId();
    return switch (verdict.effect()) {
      case ALLOW -> null;
      case DENY ->
          new Refusal(
              "tool_denied",
              ruleId,
              verdict.deciding() == null
                  ? "The model called the tool " + call.name() + ", which is not allowed here."
                  : verdict.deciding().message());
      case APPROVE ->
          new Refusal(
              "tool_requires_approval",
              ruleId,
              "The model called the tool "
                  + call.name()
                  + ", which needs a reviewer's approval; an answer cannot wait for one.");
    };
  }

  private AgentSettings.ToolDefault fallback(String connectionName) {
    return connections
        .find(connectionName)
        .map(UpstreamTarget::agent)
        .map(AgentSettings::toolDefault)
        // An unknown connection allows nothing.
        .orElse(AgentSettings.ToolDefault.DENY);
  }
}
