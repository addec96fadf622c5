package dev.gatehouse.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** A migrated in-memory H2 database per test, and helpers to write and tamper with it. */
final class AuditTestDatabase {

  final JdbcDataSource dataSource = new JdbcDataSource();

  AuditTestDatabase() {
    dataSource.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
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
    try (Connection c = dataSource.getConnection()) {
      return new AuditStore().verify(c, from, to);
    }
  }
}
