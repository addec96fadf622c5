package dev.gatehouse.console.connections;

import dev.gatehouse.agent.ToolInventory;
import dev.gatehouse.connection.ConnectionChangeRefused;
import dev.gatehouse.connection.ConnectionService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code connections/tools.xhtml}: every tool seen on one connection, by name, as {@code GET
 * /api/v1/connections/{name}/tools} answers it (and to the same roles: admins, auditors and
 * reviewers).
 */
@Named
@RequestScoped
public class ConnectionToolsBacking {

  @Inject ConnectionService connections;

  @Inject ToolInventory inventory;

  private String name;
  private boolean known;
  private List<ToolRow> tools = List.of();

  /** Reads the inventory of the connection named by the {@code name} view parameter, if any. */
  public void load() throws SQLException {
    if (name == null) {
      return;
    }
    try {
      connections.find(name);
    } catch (ConnectionChangeRefused unknown) {
      // As the API's 404: the page says there is no such connection.
      return;
    }
    known = true;
    tools = inventory.list(name).stream().map(ToolRow::new).toList();
  }

  /** The table's row classes: a tool whose definition changed stands out. */
  public String getRowClasses() {
    return String.join(
        ",", tools.stream().map(t -> t.isDefinitionChanged() ? "changed" : "plain").toList());
  }

  public List<ToolRow> getTools() {
    return tools;
  }

  /** Whether the name is a registered connection. */
  public boolean isKnown() {
    return known;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name == null || name.isBlank() ? null : name;
  }
}
