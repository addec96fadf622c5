package dev.gatehouse.audit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Connections whose exchanges leave no audit record: {@code gatehouse.audit.unaudited-connections}.
 * It exists for one purpose, measuring what the durable audit trail costs (bench/run compares a
 * connection with and without it), and is therefore honoured only in demo mode ({@code
 * gatehouse.mode=demo}); elsewhere it is ignored with a warning, and whenever it is in effect every
 * start says so in the log.
 */
@ApplicationScoped
public class UnauditedConnections {

  private static final Logger LOG = Logger.getLogger(UnauditedConnections.class.getName());

  @Inject
  @ConfigProperty(name = "gatehouse.audit.unaudited-connections", defaultValue = " ")
  String configured;

  @Inject
  @ConfigProperty(name = "gatehouse.mode", defaultValue = " ")
  String mode;

  private Set<String> names = Set.of();

  @PostConstruct
  void init() {
    Set<String> listed =
        Arrays.stream(configured.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    if (listed.isEmpty()) {
      return;
    }
    if (!"demo".equals(mode.trim())) {
      LOG.warning(
          () -> "gatehouse.audit.unaudited-connections is ignored outside demo mode: " + listed);
      return;
    }
    names = listed;
    LOG.warning(() -> "BENCHMARKING ONLY: no audit records for connections " + listed);
  }

  /** True when the connection's exchanges are not audited. */
  public boolean contains(String connectionName) {
    return names.contains(connectionName);
  }
}
