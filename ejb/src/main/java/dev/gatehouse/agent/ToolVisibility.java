package dev.gatehouse.agent;

import java.util.Set;

/**
 * Which tools a caller may see listed on a connection. Declared here, where tool lists are read,
 * and answered by the tool rules (in the policy wing, which this package does not import).
 */
public interface ToolVisibility {

  /** Whether the tool is shown to a caller of these groups on the connection. */
  boolean visible(String connectionName, String toolName, Set<String> callerGroups);
}
