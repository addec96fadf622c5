package dev.gatehouse.console.policies;

import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.connection.AgentSettings.ToolDefault;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.console.Messages;
import dev.gatehouse.policy.Denylist;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.Optional;
import java.util.Set;

/**
 * The tool-call test box on {@code policies/list.xhtml}: a sample call — connection, tool,
 * arguments, the caller's groups — judged by the tool rules ({@link ToolTrial}). Nothing is
 * forwarded or stored.
 */
@Named
@ViewScoped
public class ToolTestBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient Denylist denylist;

  @Inject transient ConnectionDirectory connections;

  private String connection;
  private String tool;
  private String arguments = "{}";
  private String callerGroups;
  private ToolTrial result;

  public void test() {
    result = null;
    String name = connection == null || connection.isBlank() ? null : connection.strip();
    // Without a connection only global rules apply, and a call no rule names is allowed.
    Optional<ToolDefault> fallback =
        name == null
            ? Optional.of(ToolDefault.ALLOW)
            : connections.find(name).map(target -> target.agent().toolDefault());
    if (fallback.isEmpty()) {
      Messages.field(
          "tool-test:tool-connection",
          Messages.text("policies.toolTest.unknownConnection", "required"));
      return;
    }
    Optional<JsonValue> parsed = ToolTrial.arguments(arguments);
    if (parsed.isEmpty()) {
      Messages.field(
          "tool-test:arguments", Messages.text("policies.toolTest.invalidArguments", "required"));
      return;
    }
    result =
        ToolTrial.judge(
            denylist,
            ToolCall.of(tool.strip(), parsed.get()),
            name,
            Set.copyOf(GroupNames.parse(callerGroups)),
            fallback.get());
  }

  public String getConnection() {
    return connection;
  }

  public void setConnection(String connection) {
    this.connection = connection;
  }

  public String getTool() {
    return tool;
  }

  public void setTool(String tool) {
    this.tool = tool;
  }

  public String getArguments() {
    return arguments;
  }

  public void setArguments(String arguments) {
    this.arguments = arguments;
  }

  public String getCallerGroups() {
    return callerGroups;
  }

  public void setCallerGroups(String callerGroups) {
    this.callerGroups = callerGroups;
  }

  public ToolTrial getResult() {
    return result;
  }
}
