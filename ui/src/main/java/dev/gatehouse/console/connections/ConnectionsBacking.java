package dev.gatehouse.console.connections;

import dev.gatehouse.connection.ConnectionService;
import dev.gatehouse.connection.ConnectionView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** {@code connections/list.xhtml}: the registry, secrets shown only as set or not. */
@Named
@RequestScoped
public class ConnectionsBacking {

  @Inject ConnectionService connections;

  private List<ConnectionView> all;

  public List<ConnectionView> getAll() {
    if (all == null) {
      all = connections.list();
    }
    return all;
  }
}
