package dev.gatehouse.agent;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Every tool seen per connection (table {@code tool_inventory}): its definition's fingerprint, the
 * one before when it changed, first and last seen, calls and refusals. Written with plain JDBC, one
 * auto-committed statement at a time, so that two instances seeing the same tool at once meet in
 * the primary key and the loser updates instead. An account, not a gate: a failure to write it is
 * logged and never fails the exchange.
 */
@ApplicationScoped
public class ToolInventory {

  private static final Logger LOG = Logger.getLogger(ToolInventory.class.getName());

  /** The SQL state of a unique or primary-key violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  @Resource(lookup = "jdbc/gatehouse")
  DataSource dataSource;

  /**
   * A tool as the inventory knows it.
   *
   * @param previousFingerprint the fingerprint before the last change of definition, or null
   * @param fingerprintChangedAt when the definition last changed, or null
   */
  public record Entry(
      String name,
      String description,
      String fingerprint,
      String previousFingerprint,
      Instant fingerprintChangedAt,
      Boolean destructive,
      Instant firstSeen,
      Instant lastSeen,
      long calls,
      long refusals) {}

  /** Records tools seen on a connection now. */
  public void seen(String connectionName, List<ToolDefinition> tools) {
    if (tools.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection()) {
      for (ToolDefinition tool : tools) {
        if (update(c, connectionName, tool, now) == 0) {
          try {
            insert(c, connectionName, tool, now, 0, 0);
          } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
              throw e;
            }
            update(c, connectionName, tool, now);
          }
        }
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "The tool inventory of " + connectionName + " was not updated", e);
    }
  }

  /** Counts a call of a tool on a connection, refused or forwarded. */
  public void called(String connectionName, String toolName, boolean refused) {
    String column = refused ? "refusals" : "calls";
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE tool_inventory SET "
                  + column
                  + " = "
                  + column
                  + " + 1, last_seen = ? WHERE connection_name = ? AND tool_name = ?")) {
        s.setObject(1, utc(now));
        s.setString(2, connectionName);
        s.setString(3, truncate(toolName, 128));
        if (s.executeUpdate() > 0) {
          return;
        }
      }
      // Called before any list named it: known by name only, until a list defines it.
      ToolDefinition unlisted = ToolDefinition.of(truncate(toolName, 128), null, null, null);
      try {
        insert(c, connectionName, unlisted, now, refused ? 0 : 1, refused ? 1 : 0);
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        called(connectionName, toolName, refused);
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "The tool inventory of " + connectionName + " was not updated", e);
    }
  }

  /**
   * What a tool says of itself, as last listed on the connection, or {@code null} when it was never
   * listed or the inventory cannot be read (it is an account: a reviewer then sees none).
   */
  public String description(String connectionName, String toolName) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT description FROM tool_inventory WHERE connection_name = ? AND tool_name = ?")) {
      s.setString(1, connectionName);
      s.setString(2, toolName);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "The tool inventory of " + connectionName + " was not read", e);
      return null;
    }
  }

  /** The tools seen on a connection, by name. */
  public List<Entry> list(String connectionName) throws SQLException {
    List<Entry> entries = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT tool_name, description, fingerprint, previous_fingerprint,"
                    + " fingerprint_changed_at, destructive, first_seen, last_seen, calls, refusals"
                    + " FROM tool_inventory WHERE connection_name = ? ORDER BY tool_name")) {
      s.setString(1, connectionName);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime changed = rs.getObject(5, OffsetDateTime.class);
          Boolean destructive = rs.getBoolean(6);
          if (rs.wasNull()) {
            destructive = null;
          }
          entries.add(
              new Entry(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  changed == null ? null : changed.toInstant(),
                  destructive,
                  rs.getObject(7, OffsetDateTime.class).toInstant(),
                  rs.getObject(8, OffsetDateTime.class).toInstant(),
                  rs.getLong(9),
                  rs.getLong(10)));
        }
      }
    }
    return entries;
  }

  private static int update(Connection c, String connectionName, ToolDefinition tool, Instant now)
      throws SQLException {
    // Right-hand sides read the row as it was, so a changed fingerprint moves to previous.
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE tool_inventory SET"
                + " previous_fingerprint = CASE WHEN fingerprint <> ? THEN fingerprint"
                + " ELSE previous_fingerprint END,"
                + " fingerprint_changed_at = CASE WHEN fingerprint <> ? THEN ?"
                + " ELSE fingerprint_changed_at END,"
                + " fingerprint = ?, description = ?, destructive = ?, last_seen = ?"
                + " WHERE connection_name = ? AND tool_name = ?")) {
      s.setString(1, tool.fingerprint());
      s.setString(2, tool.fingerprint());
      s.setObject(3, utc(now));
      s.setString(4, tool.fingerprint());
      s.setString(5, truncate(tool.description(), 4096));
      if (tool.destructive() == null) {
        s.setNull(6, Types.BOOLEAN);
      } else {
        s.setBoolean(6, tool.destructive());
      }
      s.setObject(7, utc(now));
      s.setString(8, connectionName);
      s.setString(9, truncate(tool.name(), 128));
      return s.executeUpdate();
    }
  }

  private static void insert(
      Connection c,
      String connectionName,
      ToolDefinition tool,
      Instant now,
      long calls,
      long refusals)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO tool_inventory (connection_name, tool_name, description, fingerprint,"
                + " destructive, first_seen, last_seen, calls, refusals)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, connectionName);
      s.setString(2, truncate(tool.name(), 128));
      s.setString(3, truncate(tool.description(), 4096));
      s.setString(4, tool.fingerprint());
      if (tool.destructive() == null) {
        s.setNull(5, Types.BOOLEAN);
      } else {
        s.setBoolean(5, tool.destructive());
      }
      s.setObject(6, utc(now));
      s.setObject(7, utc(now));
      s.setLong(8, calls);
      s.setLong(9, refusals);
      s.executeUpdate();
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
