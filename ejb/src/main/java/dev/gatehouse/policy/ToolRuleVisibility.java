package dev.gatehouse.policy;

import dev.gatehouse.agent.ToolVisibility;
import dev.gatehouse.connection.AgentSettings;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.UpstreamTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The tool rules' answer to which tools a caller sees listed: a tool every call of which is denied
 * to the caller is hidden ({@link Denylist#toolVisible}).
 */
@ApplicationScoped
public class ToolRuleVisibility implements ToolVisibility {

  @Inject Denylist denylist;

  @Inject ConnectionDirectory connections;

  @Override
  public boolean visible(String connectionName, String toolName, Set<String> callerGroups) {
    AgentSettings.ToolDefault fallback =
        connections
            .find(connectionName)
            .map(UpstreamTarget::agent)
            .map(AgentSettings::toolDefault)
            // An unknown connection lists nothing.
            .orElse(AgentSettings.ToolDefault.DENY);
    return denylist.toolVisible(toolName, connectionName, callerGroups, fallback);
  }
}
