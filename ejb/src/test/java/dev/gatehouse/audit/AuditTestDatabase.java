package dev.gatehouse.audit;

import dev.gatehouse.platform.SchemaMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A freshly migrated database per test — in-memory H2, or a new schema in the PostgreSQL database
 * named by the system property {@code gatehouse.test.postgres} (for example {@code
 * -Dgatehouse.test.postgres=jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) — and helpers to
 * write and tamper with it.
 */
final class AuditTestDatabase {

  private static final String POSTGRES = System.getProperty("gatehouse.test.postgres", "");

  final DataSource dataSource;

  AuditTestDatabase() {
    String name = "audit_" + UUID.randomUUID().toString().replace("-", "");
    if (POSTGRES.isBlank()) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
      dataSource = h2;
    } else {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(POSTGRES);
      pg.setCurrentSchema(name);
      dataSource = pg;
    }
    var flyway = SchemaMigration.configure(AuditTestDatabase.class.getClassLoader(), dataSource);
    if (!POSTGRES.isBlank()) {
      flyway.schemas(name);
    }
    flyway.load().migrate();
  }

  /** Moves a record's start back by {@code days}, in the SQL of the database under test. */
  int age(String where, int days) throws SQLException {
    String shift =
        POSTGRES.isBlank()
            ? "started_at - INTERVAL '" + days + "' DAY"
            : "started_at - INTERVAL '" + days + " days'";
    return execute("UPDATE audit_record SET started_at = " + shift + " WHERE " + where);
  }

  static AuditEntry started(String path) {
    return new AuditEntry()
        .set(AuditField.ID, UUID.randomUUID().toString())
        .set(AuditField.STARTED_AT, Instant.now())
        .set(AuditField.METHOD, "POST")
        .set(AuditField.CONNECTION_NAME, "demo")
        .set(AuditField.PATH, path)
        .set(AuditField.CALLER_SUBJECT, "bob")
        .set(AuditField.INBOUND_TLS_PROTOCOL, "TLSv1.3")
        .set(AuditField.DECISION, "STARTED");
  }

  static AuditEntry completed(AuditEntry started) {
    return started
        .copy()
        .set(AuditField.ENDED_AT, Instant.now())
        .set(AuditField.DECISION, "ALLOWED")
        .set(AuditField.STATUS, 200)
        .set(AuditField.BYTES_OUT, 42L)
        .set(AuditField.REQUEST_TRANSCRIPT, "POST /gw/demo/x\nauthorization: [REDACTED]\n\n{}")
        .set(AuditField.TRANSCRIPT_TRUNCATED, false);
  }

  int execute(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  ChainVerification verify(Long from, Long to) throws SQLException {
    return verify(ChainKeys.none(), from, to);
  }

  ChainVerification verify(ChainKeys keys, Long from, Long to) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return new AuditStore(keys).verify(c, from, to);
    }
  }

  /**
   * What an intruder with write access to the database and without the chain key can do: change a
   * field of the record at {@code seq}, then give it and every later record a fresh plain SHA-256
   * hash (format v1) with the right links, and move the head — optionally clearing the key ids too,
   * so the rewritten records pass for unkeyed ones.
   */
  void rewriteAndRechain(long seq, AuditField field, Object value, boolean clearKeyIds)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      AuditStore store = new AuditStore();
      AuditStore.Head head = store.readHead(c);
      String prev = store.chainedAt(c, seq).string(AuditField.PREV_HASH);
      for (long s = seq; s <= head.seq(); s++) {
        AuditEntry e = store.chainedAt(c, s);
        if (s == seq) {
          e.set(field, value);
        }
        e.set(AuditField.PREV_HASH, prev);
        if (clearKeyIds) {
          e.keyId(null);
        }
        prev = ChainHash.of(e);
        try (var update =
            c.prepareStatement(
                "UPDATE audit_record SET "
                    + field.column
                    + " = ?, prev_hash = ?, record_hash = ?, chain_key_id = ? WHERE seq = ?")) {
          update.setObject(1, e.get(field));
          update.setString(2, e.string(AuditField.PREV_HASH));
          update.setString(3, prev);
          update.setString(4, e.keyId());
          update.setLong(5, s);
          update.executeUpdate();
        }
      }
      store.saveHead(c, new AuditStore.Head(head.seq(), prev));
    }
  }
}
