package dev.gatehouse.ratelimit;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Payara's own Hazelcast member, found under its JNDI name ({@code payara/Hazelcast}): the data
 * grid that every instance of a deployment group joins. Kept apart so that a server without it (no
 * data grid, or its classes hidden) costs a warning, not a failed deployment. Public for the
 * budgets, which count in the same grid.
 */
public final class DataGrid {

  private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());

  static final String JNDI_NAME = "payara/Hazelcast";
  static final String WINDOWS_MAP = "gatehouse-rate-windows";
  static final String IN_FLIGHT_MAP = "gatehouse-rate-in-flight";

  private DataGrid() {}

  /**
   * A map of counters that every instance shares, or empty when there is no data grid.
   *
   * @param name the map's name in the grid
   * @param purpose what counts in it, for the log
   */
  public static Optional<ConcurrentMap<String, Long>> sharedMap(String name, String purpose) {
    try {
      HazelcastInstance grid = (HazelcastInstance) new InitialContext().lookup(JNDI_NAME);
      ConcurrentMap<String, Long> map = grid.getMap(name);
      LOG.info(() -> purpose + " in the data grid " + grid.getConfig().getClusterName());
      return Optional.of(map);
    } catch (NamingException | RuntimeException | LinkageError e) {
      LOG.log(
          Level.WARNING,
          "No Hazelcast data grid at " + JNDI_NAME + "; " + purpose + " count per instance only",
          e);
      return Optional.empty();
    }
  }

  /** Counters in the data grid, or empty when there is none to reach. */
  static Optional<RateCounters> counters() {
    try {
      HazelcastInstance grid = (HazelcastInstance) new InitialContext().lookup(JNDI_NAME);
      String self = grid.getCluster().getLocalMember().getUuid().toString();
      RateCounters counters =
          new RateCounters(
              grid.getMap(WINDOWS_MAP),
              grid.getMap(IN_FLIGHT_MAP),
              () ->
                  grid.getCluster().getMembers().stream()
                      .map(Member::getUuid)
                      .map(Object::toString)
                      .toList(),
              self);
      LOG.info(
          () ->
              "Rate-limit counters in the data grid "
                  + grid.getConfig().getClusterName()
                  + " ("
                  + grid.getCluster().getMembers().size()
                  + " member(s))");
      return Optional.of(counters);
    } catch (NamingException | RuntimeException | LinkageError e) {
      LOG.log(
          Level.WARNING,
          "No Hazelcast data grid at " + JNDI_NAME + "; rate limits count per instance only",
          e);
      return Optional.empty();
    }
  }
}
