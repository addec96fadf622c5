package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gatehouse.platform.SchemaMigration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An upgrade with data in the database: the real migrations bring a schema to version 5, the data
 * that version's code left (frozen in {@code db/upgrade/v5-data.sql}, including audit records
 * hashed by the version-5 writer) goes in, then every later migration runs. The data must be intact
 * and the old audit chain must still verify under today's code — and go on verifying when today's
 * writer appends to it. On H2, and on a fresh PostgreSQL database when {@code
 * gatehouse.test.postgres-server} names a server (the build sets it to the local one).
 *
 * <p>In the audit package because the writer and the verifier are package-private.
 */
class SchemaUpgradeTest {

  private static final String POSTGRES_SERVER =
      System.getProperty("gatehouse.test.postgres-server", "");

  private static final String LAST_V5_HASH =
      "a7b06440907343e48c9daa1c26810e4fad6a8331063b2b4c1016982182e99605";

  @Test
  void upgradeFromVersion5KeepsDataAndAuditChainOnH2() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:upgrade_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1");
    upgradeKeepsDataAndChain(h2);
  }

  @Test
  void upgradeFromVersion5KeepsDataAndAuditChainOnPostgresql() throws Exception {
    assumeFalse(POSTGRES_SERVER.isBlank(), "gatehouse.test.postgres-server is not set");
    String database = "gatehouse_upgrade_" + UUID.randomUUID().toString().replace("-", "");
    PGSimpleDataSource server = new PGSimpleDataSource();
    server.setURL(POSTGRES_SERVER);
    execute(server, "CREATE DATABASE " + database);
    try {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(POSTGRES_SERVER);
      pg.setDatabaseName(database);
      upgradeKeepsDataAndChain(pg);
    } finally {
      execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private void upgradeKeepsDataAndChain(DataSource dataSource) throws Exception {
    Flyway toV5 = migrations(dataSource).target("5").load();
    toV5.migrate();
    assertThat(toV5.info().current().getVersion().getVersion()).isEqualTo("5");
    for (String statement : fixture()) {
      execute(dataSource, statement);
    }
    // The fixture's chain is not verified here: today's verifier reads V12's chain_key_id.

    Flyway latest = migrations(dataSource).load();
    int applied = latest.migrate().migrationsExecuted;

    MigrationInfo[] all = latest.info().all();
    assertThat(applied).as("migrations after version 5").isPositive();
    assertThat(latest.info().current().getVersion()).isEqualTo(all[all.length - 1].getVersion());
    assertThat(latest.info().pending()).isEmpty();

    ChainVerification afterUpgrade = verify(dataSource);
    assertThat(afterUpgrade.ok()).as(afterUpgrade.toString()).isTrue();
    assertThat(afterUpgrade.keyed()).as("records from before V12 stay plain SHA-256").isZero();
    assertThat(afterUpgrade.checked()).isEqualTo(6);
    assertThat(
            query(
                dataSource,
                "SELECT name || ' ' || base_url || ' ' || credential_kind || ' '"
                    + " || secret_ciphertext || ' ' || secret_key_id || ' ' || pin_sha256 || ' '"
                    + " || min_tls_version || ' ' || max_response_bytes || ' ' || version"
                    + " FROM backend_connection WHERE name = 'billing-agent'"))
        .containsExactly(
            "billing-agent https://billing.internal:9443 BEARER djE6c2VhbGVkLWJ5LXY1LWtleQ k1"
                + " 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 TLSv1.3"
                + " 1048576 3");
    assertThat(query(dataSource, "SELECT group_name FROM backend_connection_group"))
        .containsExactly("billing");
    assertThat(
            query(
                dataSource,
                "SELECT name FROM backend_connection WHERE approval_required = TRUE"
                    + " AND approval_pending_ttl_s = 120"))
        .containsExactly("ops-agent");
    assertThat(query(dataSource, "SELECT state || ' ' || path FROM approval"))
        .containsExactly("PENDING /v1/jobs/7");
    assertThat(query(dataSource, "SELECT pattern FROM policy_rule"))
        .containsExactly("drop\\s+table");
    assertThat(query(dataSource, "SELECT actor || ' ' || action FROM admin_event"))
        .containsExactly("ada CREATE");
    // Columns added since version 5 leave existing connections at their defaults.
    assertThat(
            query(
                dataSource,
                "SELECT name FROM backend_connection WHERE rate_caller_requests IS NULL"
                    + " AND rate_connection_concurrent IS NULL ORDER BY name"))
        .containsExactly("billing-agent", "ops-agent");

    // Today's writer goes on from the old head: the crash-left record first, then new ones.
    GroupCommitWriter writer = new GroupCommitWriter(dataSource, 64, 1000, 5000);
    writer.start(Executors.defaultThreadFactory());
    try {
      assertThat(writer.interruptStartedBefore(Instant.now())).isEqualTo(1);
      for (int i = 0; i < 3; i++) {
        AuditEntry started = AuditTestDatabase.started("/after-upgrade/" + i);
        writer.begin(started);
        writer.complete(AuditTestDatabase.completed(started));
      }
    } finally {
      writer.stop();
    }
    ChainVerification extended = verify(dataSource);
    assertThat(extended.ok()).as(extended.toString()).isTrue();
    assertThat(extended.checked()).isEqualTo(10);
    assertThat(query(dataSource, "SELECT prev_hash FROM audit_record WHERE seq = 7"))
        .containsExactly(LAST_V5_HASH);
    assertThat(query(dataSource, "SELECT decision FROM audit_record WHERE seq = 7"))
        .containsExactly("INTERRUPTED");
  }

  private static FluentConfiguration migrations(DataSource dataSource) {
    return SchemaMigration.configure(SchemaUpgradeTest.class.getClassLoader(), dataSource);
  }

  /** The fixture's statements: comment lines dropped, split at each ';' that ends a line. */
  private static List<String> fixture() throws IOException {
    try (InputStream in = SchemaUpgradeTest.class.getResourceAsStream("/db/upgrade/v5-data.sql")) {
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder kept = new StringBuilder();
      for (String line : sql.split("\n")) {
        if (!line.startsWith("--")) {
          kept.append(line).append('\n');
        }
      }
      List<String> statements = new ArrayList<>();
      for (String statement : kept.toString().split(";\n")) {
        if (!statement.isBlank()) {
          statements.add(statement.strip());
        }
      }
      return statements;
    }
  }

  private static ChainVerification verify(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return new AuditStore().verify(c, null, null);
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static List<String> query(DataSource dataSource, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
