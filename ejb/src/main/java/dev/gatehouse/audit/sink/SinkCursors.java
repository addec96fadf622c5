package dev.gatehouse.audit.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The persisted delivery cursors ({@code audit_sink_cursor}): per sink the last chain sequence
 * number it acknowledged, how many records it took, and its last error. Each call is its own short
 * auto-committed statement, never held across a delivery.
 */
final class SinkCursors {

  /** A sink's row. */
  record Row(String sink, long lastSeq, long delivered, String lastError, Instant lastErrorAt) {}

  private final DataSource dataSource;

  SinkCursors(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The sink's row, created at sequence 0 (the start of the trail) on first use. */
  Row read(String sink) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Row row = find(c, sink);
      if (row != null) {
        return row;
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO audit_sink_cursor (sink_name, last_seq, delivered, updated_at)"
                  + " VALUES (?, 0, 0, ?)")) {
        s.setString(1, sink);
        s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
        s.executeUpdate();
      } catch (SQLException e) {
        // another instance created it meanwhile
        row = find(c, sink);
        if (row == null) {
          throw e;
        }
        return row;
      }
      return new Row(sink, 0, 0, null, null);
    }
  }

  private static Row find(Connection c, String sink) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT last_seq, delivered, last_error, last_error_at FROM audit_sink_cursor"
                + " WHERE sink_name = ?")) {
      s.setString(1, sink);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        OffsetDateTime errorAt = rs.getObject(4, OffsetDateTime.class);
        return new Row(
            sink,
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            errorAt == null ? null : errorAt.toInstant());
      }
    }
  }

  /**
   * Moves the cursor forward to {@code lastSeq} after a delivered batch of {@code count} records;
   * never backwards (another instance may have delivered further).
   */
  void advance(String sink, long lastSeq, int count) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE audit_sink_cursor SET last_seq = ?, delivered = delivered + ?,"
                    + " updated_at = ?, last_error = NULL, last_error_at = NULL"
                    + " WHERE sink_name = ? AND last_seq < ?")) {
      s.setLong(1, lastSeq);
      s.setLong(2, count);
      s.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
      s.setString(4, sink);
      s.setLong(5, lastSeq);
      s.executeUpdate();
    }
  }

  void failed(String sink, String error) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE audit_sink_cursor SET last_error = ?, last_error_at = ?"
                    + " WHERE sink_name = ?")) {
      s.setString(1, error.length() > 1024 ? error.substring(0, 1024) : error);
      s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
      s.setString(3, sink);
      s.executeUpdate();
    }
  }

  /** The chain's last sequence number. */
  long headSeq() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT last_seq FROM audit_chain_head WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
