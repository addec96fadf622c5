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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Every tool seen per connection (table {@code tool_inventory}): its definition's fingerprint, the
 * one before when it changed, first and last seen, calls and refusals — and, for the tools an MCP
 * server lists, the pinned definition. Written with plain JDBC, one auto-committed statement at a
 * time, so that two instances seeing the same tool at once meet in the primary key and the loser
 * updates instead.
 *
 * <p>An account, except for pinning: a failure to count a call or record an offered tool is logged
 * and never fails the exchange, but the pins are a gate ({@link #listed}, {@link #quarantined}
 * throw, and their callers refuse). The first definition listed is pinned; a listing with another
 * fingerprint quarantines the tool until an admin accepts the definition last listed ({@link
 * #accept}).
 */
@ApplicationScoped
public class ToolInventory {

  private static final Logger LOG = Logger.getLogger(ToolInventory.class.getName());

  /** The SQL state of a unique or primary-key violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** The widest definition kept for review (the columns' width); a wider one is pinned unseen. */
  static final int MAX_DEFINITION_CHARS = 32_768;

  /** The width of {@code tool_name}. */
  static final int MAX_NAME_CHARS = 128;

  @Resource(lookup = "jdbc/gatehouse")
  DataSource dataSource;

  /**
   * A tool as the inventory knows it.
   *
   * @param previousFingerprint the fingerprint before the last change of definition, or null
   * @param fingerprintChangedAt when the definition last changed, or null
   * @param pinnedFingerprint the fingerprint of the pinned definition, or null when the tool was
   *     never listed (known from a call or an OpenAI request only)
   * @param pinnedBy the admin who accepted the pinned definition, or null when it was pinned at
   *     first sight
   * @param quarantined whether the tool is hidden and its calls refused until an admin accepts
   * @param pendingFingerprint the fingerprint of the definition awaiting acceptance, or null
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
      long refusals,
      String pinnedFingerprint,
      Instant pinnedAt,
      String pinnedBy,
      boolean quarantined,
      Instant quarantinedAt,
      String pendingFingerprint) {

    /** A tool without a pin: known from a call or an OpenAI request only. */
    public Entry(
        String name,
        String description,
        String fingerprint,
        String previousFingerprint,
        Instant fingerprintChangedAt,
        Boolean destructive,
        Instant firstSeen,
        Instant lastSeen,
        long calls,
        long refusals) {
      this(
          name,
          description,
          fingerprint,
          previousFingerprint,
          fingerprintChangedAt,
          destructive,
          firstSeen,
          lastSeen,
          calls,
          refusals,
          null,
          null,
          null,
          false,
          null,
          null);
    }
  }

  /**
   * What the gate needs to know of a tool: the fingerprint pinned and whether it is quarantined.
   */
  record Pin(String pinnedFingerprint, Instant quarantinedAt) {

    /** Whether a tool listed with this fingerprint may be shown. */
    boolean admits(String fingerprint) {
      return quarantinedAt == null && fingerprint.equals(pinnedFingerprint);
    }
  }

  /**
   * A tool's pinned definition beside the one awaiting acceptance, as an admin reviews them.
   *
   * @param pinnedDefinition the canonical JSON pinned, or null when it was too wide to keep
   * @param pendingDefinition the canonical JSON last listed while quarantined, or null when not
   *     quarantined or too wide to keep
   */
  public record Review(
      String connection,
      String tool,
      String pinnedFingerprint,
      String pinnedDefinition,
      Instant pinnedAt,
      String pinnedBy,
      String pendingFingerprint,
      String pendingDefinition,
      Instant quarantinedAt) {

    public boolean quarantined() {
      return quarantinedAt != null;
    }
  }

  /** Records tools an OpenAI request offers on a connection now (not pinned: the caller says). */
  public void seen(String connectionName, List<ToolDefinition> tools) {
    if (tools.isEmpty()) {
      return;
    }
    try {
      record(connectionName, tools, false);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "The tool inventory of " + connectionName + " was not updated", e);
    }
  }

  /**
   * Records the tools an MCP server listed on a connection now, pinning each at first sight and
   * quarantining each whose fingerprint differs from its pin, then answers the pins of the
   * connection's tools as they stand after: the gate for this very listing.
   *
   * @return the pins by tool name (as stored: at most {@link #MAX_NAME_CHARS} characters)
   * @throws SQLException when the inventory cannot be written or read: nothing may be shown
   */
  Map<String, Pin> listed(String connectionName, List<ToolDefinition> tools) throws SQLException {
    record(connectionName, tools, true);
    Map<String, Pin> pins = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT tool_name, pinned_fingerprint, quarantined_at FROM tool_inventory"
                    + " WHERE connection_name = ?")) {
      s.setString(1, connectionName);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          pins.put(rs.getString(1), new Pin(rs.getString(2), instant(rs, 3)));
        }
      }
    }
    return pins;
  }

  private void record(String connectionName, List<ToolDefinition> tools, boolean pin)
      throws SQLException {
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection()) {
      for (ToolDefinition tool : tools) {
        if (update(c, connectionName, tool, now, pin) == 0) {
          try {
            insert(c, connectionName, tool, now, 0, 0, pin);
          } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
              throw e;
            }
            update(c, connectionName, tool, now, pin);
          }
        }
      }
    }
  }

  /**
   * Whether a tool is quarantined: its listed definition changed since it was pinned, and no admin
   * has accepted it yet. One read by primary key, deliberately not cached: no instance of a cluster
   * forwards a call its peer has just quarantined, and an acceptance needs no invalidation.
   *
   * @throws SQLException when the inventory cannot be read: the caller refuses the call
   */
  public boolean quarantined(String connectionName, String toolName) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT quarantined_at FROM tool_inventory"
                    + " WHERE connection_name = ? AND tool_name = ?")) {
      s.setString(1, connectionName);
      s.setString(2, truncate(toolName, MAX_NAME_CHARS));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getObject(1, OffsetDateTime.class) != null;
      }
    }
  }

  /** A tool's pinned and pending definitions, or empty when the connection has no such tool. */
  public Optional<Review> review(String connectionName, String toolName) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT tool_name, pinned_fingerprint, pinned_definition, pinned_at, pinned_by,"
                    + " pending_fingerprint, pending_definition, quarantined_at"
                    + " FROM tool_inventory WHERE connection_name = ? AND tool_name = ?")) {
      s.setString(1, connectionName);
      s.setString(2, toolName);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Review(
                connectionName,
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                instant(rs, 4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                instant(rs, 8)));
      }
    }
  }

  /**
   * Pins a quarantined tool's pending definition and lifts the quarantine — only if the pending
   * definition is still the one with {@code pendingFingerprint}, so that an admin accepts exactly
   * what they reviewed. Joins the caller's transaction when there is one.
   *
   * @return whether it was accepted; false when the tool is not quarantined or another definition
   *     has been listed since
   */
  boolean accept(String connectionName, String toolName, String pendingFingerprint, String actor)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE tool_inventory SET pinned_fingerprint = pending_fingerprint,"
                    + " pinned_definition = pending_definition, pinned_at = ?, pinned_by = ?,"
                    + " pending_fingerprint = NULL, pending_definition = NULL,"
                    + " quarantined_at = NULL"
                    + " WHERE connection_name = ? AND tool_name = ?"
                    + " AND quarantined_at IS NOT NULL AND pending_fingerprint = ?")) {
      s.setObject(1, utc(Instant.now()));
      s.setString(2, truncate(actor, 255));
      s.setString(3, connectionName);
      s.setString(4, toolName);
      s.setString(5, pendingFingerprint);
      return s.executeUpdate() == 1;
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
        s.setString(3, truncate(toolName, MAX_NAME_CHARS));
        if (s.executeUpdate() > 0) {
          return;
        }
      }
      // Called before any list named it: known by name only, until a list defines it.
      ToolDefinition unlisted = ToolDefinition.placeholder(truncate(toolName, MAX_NAME_CHARS));
      try {
        insert(c, connectionName, unlisted, now, refused ? 0 : 1, refused ? 1 : 0, false);
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
                    + " fingerprint_changed_at, destructive, first_seen, last_seen, calls, refusals,"
                    + " pinned_fingerprint, pinned_at, pinned_by, quarantined_at,"
                    + " pending_fingerprint"
                    + " FROM tool_inventory WHERE connection_name = ? ORDER BY tool_name")) {
      s.setString(1, connectionName);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Boolean destructive = rs.getBoolean(6);
          if (rs.wasNull()) {
            destructive = null;
          }
          Instant quarantinedAt = instant(rs, 14);
          entries.add(
              new Entry(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  instant(rs, 5),
                  destructive,
                  instant(rs, 7),
                  instant(rs, 8),
                  rs.getLong(9),
                  rs.getLong(10),
                  rs.getString(11),
                  instant(rs, 12),
                  rs.getString(13),
                  quarantinedAt != null,
                  quarantinedAt,
                  rs.getString(15)));
        }
      }
    }
    return entries;
  }

  private static int update(
      Connection c, String connectionName, ToolDefinition tool, Instant now, boolean pin)
      throws SQLException {
    String name = truncate(tool.name(), MAX_NAME_CHARS);
    // A row known by name only (from a call) is defined by its first listing, not changed by it.
    String placeholder = ToolDefinition.placeholder(name).fingerprint();
    // Right-hand sides read the row as it was, so a changed fingerprint moves to previous, and a
    // pin taken here is compared with the old (null) pin, not with itself.
    String pinning =
        pin
            ? " quarantined_at = CASE WHEN pinned_fingerprint IS NULL THEN NULL"
                + " WHEN quarantined_at IS NOT NULL THEN quarantined_at"
                + " WHEN pinned_fingerprint <> ? THEN ? ELSE NULL END,"
                // While quarantined, the pending definition follows the listing, so that an admin
                // accepts what the server lists now (even if that is the pin again).
                + " pending_fingerprint = CASE WHEN pinned_fingerprint IS NOT NULL"
                + " AND (quarantined_at IS NOT NULL OR pinned_fingerprint <> ?) THEN ?"
                + " ELSE NULL END,"
                + " pending_definition = CASE WHEN pinned_fingerprint IS NOT NULL"
                + " AND (quarantined_at IS NOT NULL OR pinned_fingerprint <> ?) THEN ?"
                + " ELSE NULL END,"
                + " pinned_definition = CASE WHEN pinned_fingerprint IS NULL THEN ?"
                + " ELSE pinned_definition END,"
                + " pinned_at = CASE WHEN pinned_fingerprint IS NULL THEN ? ELSE pinned_at END,"
                + " pinned_fingerprint = COALESCE(pinned_fingerprint, ?),"
            : "";
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE tool_inventory SET"
                + " previous_fingerprint = CASE WHEN fingerprint <> ? AND fingerprint <> ?"
                + " THEN fingerprint ELSE previous_fingerprint END,"
                + " fingerprint_changed_at = CASE WHEN fingerprint <> ? AND fingerprint <> ?"
                + " THEN ? ELSE fingerprint_changed_at END,"
                + pinning
                + " fingerprint = ?, description = ?, destructive = ?, last_seen = ?"
                + " WHERE connection_name = ? AND tool_name = ?")) {
      int i = 0;
      String definition = kept(tool.definition());
      s.setString(++i, tool.fingerprint());
      s.setString(++i, placeholder);
      s.setString(++i, tool.fingerprint());
      s.setString(++i, placeholder);
      s.setObject(++i, utc(now));
      if (pin) {
        s.setString(++i, tool.fingerprint());
        s.setObject(++i, utc(now));
        s.setString(++i, tool.fingerprint());
        s.setString(++i, tool.fingerprint());
        s.setString(++i, tool.fingerprint());
        s.setString(++i, definition);
        s.setString(++i, definition);
        s.setObject(++i, utc(now));
        s.setString(++i, tool.fingerprint());
      }
      s.setString(++i, tool.fingerprint());
      s.setString(++i, truncate(tool.description(), 4096));
      if (tool.destructive() == null) {
        s.setNull(++i, Types.BOOLEAN);
      } else {
        s.setBoolean(++i, tool.destructive());
      }
      s.setObject(++i, utc(now));
      s.setString(++i, connectionName);
      s.setString(++i, name);
      return s.executeUpdate();
    }
  }

  private static void insert(
      Connection c,
      String connectionName,
      ToolDefinition tool,
      Instant now,
      long calls,
      long refusals,
      boolean pin)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO tool_inventory (connection_name, tool_name, description, fingerprint,"
                + " destructive, first_seen, last_seen, calls, refusals, pinned_fingerprint,"
                + " pinned_definition, pinned_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, connectionName);
      s.setString(2, truncate(tool.name(), MAX_NAME_CHARS));
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
      s.setString(10, pin ? tool.fingerprint() : null);
      s.setString(11, pin ? kept(tool.definition()) : null);
      if (pin) {
        s.setObject(12, utc(now));
      } else {
        s.setNull(12, Types.TIMESTAMP_WITH_TIMEZONE);
      }
      s.executeUpdate();
    }
  }

  /** The definition as kept for review: whole, or not at all when wider than the column. */
  private static String kept(String definition) {
    return definition == null || definition.length() > MAX_DEFINITION_CHARS ? null : definition;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
