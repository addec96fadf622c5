package dev.gatehouse.audit;

import dev.gatehouse.exchange.Decision;
import dev.gatehouse.platform.Jsonp;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Carries admin events (written by the admin wings in the same transaction as their change) into
 * the hash-chained audit trail, so that operators' changes are exported, sent to the sinks and as
 * tamper-evident as requests.
 *
 * <p>An outbox: every two seconds the committed events not yet {@code chained} are appended through
 * the {@link AuditWriter} as records with decision {@code ADMIN} and the event's own id, then
 * flagged. The append and the flag are two commits; after a crash between them the record with that
 * id exists already and only the flag is set — so each event is chained exactly once, and none is
 * lost. Every instance of a cluster sweeps; when two take the same event at once, the writer that
 * gets the chain's head second finds the record and skips it. Record fields: {@code caller_subject}
 * = actor, {@code method} = action, {@code path} = {@code /<target kind>/<target name>}, {@code
 * connection_name} = the target when it is a connection, {@code request_transcript} = {@code
 * {"targetKind","targetName","before","after"}}.
 */
@Singleton
@Startup
@DependsOn("AuditWriter")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class AdminEventChain {

  private static final Logger LOG = Logger.getLogger(AdminEventChain.class.getName());

  private static final int BATCH = 200;

  @Resource(lookup = "jdbc/gatehouse")
  private DataSource dataSource;

  @Inject AuditWriter writer;

  private final AtomicBoolean busy = new AtomicBoolean();

  @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
  void sweep() {
    if (!busy.compareAndSet(false, true)) {
      return;
    }
    try {
      while (chainPending() == BATCH) {
        // more are waiting
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Admin events not chained yet; retried at the next sweep", e);
    } finally {
      busy.set(false);
    }
  }

  /** Chains up to one batch of pending events, oldest first; returns how many were pending. */
  int chainPending() throws SQLException {
    List<AuditEntry> pending = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT id, occurred_at, actor, action, target_kind, target_name, before_json,"
                  + " after_json FROM admin_event WHERE chained = FALSE"
                  + " ORDER BY occurred_at, id")) {
        s.setMaxRows(BATCH);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            pending.add(
                entry(
                    rs.getString(1),
                    rs.getObject(2, OffsetDateTime.class),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)));
          }
        }
      }
      for (AuditEntry e : pending) {
        if (!recorded(c, e.id())) {
          writer.append(e);
        }
        try (PreparedStatement s =
            c.prepareStatement("UPDATE admin_event SET chained = TRUE WHERE id = ?")) {
          s.setString(1, e.id());
          s.executeUpdate();
        }
      }
    }
    return pending.size();
  }

  private static boolean recorded(Connection c, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM audit_record WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  static AuditEntry entry(
      String id,
      OffsetDateTime occurredAt,
      String actor,
      String action,
      String targetKind,
      String targetName,
      String beforeJson,
      String afterJson) {
    JsonObjectBuilder change = Jsonp.PROVIDER.createObjectBuilder().add("targetKind", targetKind);
    change.add(
        "targetName", targetName == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(targetName));
    change.add("before", parse(beforeJson));
    change.add("after", parse(afterJson));
    return new AuditEntry()
        .set(AuditField.ID, id)
        .set(AuditField.STARTED_AT, occurredAt.toInstant())
        .set(AuditField.ENDED_AT, occurredAt.toInstant())
        .text(AuditField.CALLER_SUBJECT, actor, 255)
        .text(AuditField.METHOD, action, 16)
        .text(
            AuditField.PATH, "/" + targetKind + (targetName == null ? "" : "/" + targetName), 4096)
        .text(AuditField.CONNECTION_NAME, "connection".equals(targetKind) ? targetName : null, 63)
        .set(AuditField.DECISION, Decision.ADMIN.name())
        .set(AuditField.REQUEST_TRANSCRIPT, change.build().toString());
  }

  private static JsonValue parse(String json) {
    if (json == null) {
      return JsonValue.NULL;
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      return reader.readValue();
    } catch (JsonException e) {
      return Jsonp.PROVIDER.createValue(json);
    }
  }
}
