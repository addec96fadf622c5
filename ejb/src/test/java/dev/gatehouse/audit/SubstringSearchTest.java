package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.gatehouse.platform.SchemaMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The audit search's substring filters ({@code path}, {@code rule}) in SQL as {@link
 * AuditService#search} has EclipseLink write it ({@code WHERE … path LIKE ? ORDER BY started_at
 * DESC, id DESC LIMIT ? OFFSET ?}): the user's text matches literally on H2 and PostgreSQL, and on
 * PostgreSQL a rare text is found through the trigram indexes of V10 instead of by reading the
 * trail back. The PostgreSQL cases run on a fresh database when {@code
 * gatehouse.test.postgres-server} names a server (the build sets it to the local one).
 */
class SubstringSearchTest {

  private static final String POSTGRES_SERVER =
      System.getProperty("gatehouse.test.postgres-server", "");

  private static final String SEARCH =
      "SELECT * FROM audit_record WHERE 1 = 1 AND %s LIKE ?"
          + " ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?";

  @Test
  void wildcardsInTheTextMatchLiterallyOnH2() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:substring_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1");
    wildcardsMatchLiterally(h2);
  }

  @Test
  void wildcardsInTheTextMatchLiterallyOnPostgresql() throws Exception {
    withFreshPostgresDatabase(this::wildcardsMatchLiterally);
  }

  @Test
  void rareTextIsFoundThroughTheTrigramIndexesOnPostgresql() throws Exception {
    withFreshPostgresDatabase(
        pg -> {
          SchemaMigration.configure(getClass().getClassLoader(), pg).load().migrate();
          // A trail where a page of common text is found at once in newest-first order, and
          // where the rare text and the rare rule are 3 records in 60,000.
          execute(
              pg,
              "INSERT INTO audit_record (id, started_at, method, decision, connection_name, path,"
                  + " rule_hits)"
                  + " SELECT 'r' || x, TIMESTAMPTZ '2026-11-01 00:00:00+00' + x * INTERVAL '1 second',"
                  + " 'POST', CASE WHEN x % 40 = 0 THEN 'BLOCKED' ELSE 'ALLOWED' END, 'agent-' || x % 20,"
                  + " CASE WHEN x % 20000 = 0 THEN '/v1/rare/needle-' || x"
                  + " ELSE (ARRAY['/v1/chat/completions', '/v1/models', '/v1/tools/calculator',"
                  + " '/v1/embeddings'])[1 + x % 4] END,"
                  + " CASE WHEN x % 20000 = 7 THEN '[{\"ruleId\":\"leak-canary\",\"action\":\"BLOCK\"}]'"
                  + " WHEN x % 40 = 0 THEN '[{\"ruleId\":\"rule-' || x % 5 || '\",\"action\":\"BLOCK\"}]'"
                  + " END"
                  + " FROM generate_series(1, 60000) AS s(x)");
          execute(pg, "ANALYZE audit_record");

          String rarePath = "%" + AuditService.likeEscape("rare/needle") + "%";
          String rareRule =
              "%\"ruleId\":" + AuditService.likeEscape(AuditEntries.quote("leak-canary")) + "%";
          assertThat(search(pg, "path", rarePath)).hasSize(3);
          assertThat(search(pg, "rule_hits", rareRule)).hasSize(3);
          assertThat(plan(pg, "path", rarePath)).contains("ix_audit_record_path_trgm");
          assertThat(plan(pg, "rule_hits", rareRule)).contains("ix_audit_record_rule_hits_trgm");
          // Common text still reads the trail newest first and stops after a page.
          assertThat(plan(pg, "path", "%" + AuditService.likeEscape("chat/comp") + "%"))
              .containsPattern("Index Scan (Backward )?using ix_audit_record_(newest|started_id)")
              .doesNotContain("trgm");
        });
  }

  private void wildcardsMatchLiterally(DataSource dataSource) throws Exception {
    SchemaMigration.configure(getClass().getClassLoader(), dataSource).load().migrate();
    String[] paths = {"/v1/chat_completions", "/v1/chatXcompletions", "/a%b", "/ab", "/a\\b"};
    for (int i = 0; i < paths.length; i++) {
      execute(
          dataSource,
          "INSERT INTO audit_record (id, started_at, method, decision, path) VALUES ('p"
              + i
              + "', TIMESTAMP WITH TIME ZONE '2026-11-01 00:00:0"
              + i
              + "+00', 'GET', 'ALLOWED', '"
              + paths[i]
              + "')");
    }

    assertThat(search(dataSource, "path", "%" + AuditService.likeEscape("chat_c") + "%"))
        .containsExactly("/v1/chat_completions");
    assertThat(search(dataSource, "path", "%" + AuditService.likeEscape("a%b") + "%"))
        .containsExactly("/a%b");
    assertThat(search(dataSource, "path", "%" + AuditService.likeEscape("a\\b") + "%"))
        .containsExactly("/a\\b");
    assertThat(search(dataSource, "path", "%" + AuditService.likeEscape("completions") + "%"))
        .containsExactly("/v1/chatXcompletions", "/v1/chat_completions");
  }

  /** The paths found, newest first. */
  private static List<String> search(DataSource dataSource, String column, String pattern)
      throws SQLException {
    List<String> paths = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(SEARCH.formatted(column))) {
      s.setString(1, pattern);
      s.setInt(2, 51);
      s.setInt(3, 0);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          paths.add(rs.getString("path"));
        }
      }
    }
    return paths;
  }

  /** PostgreSQL's plan for the search with these values, one line. */
  private static String plan(DataSource dataSource, String column, String pattern)
      throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("EXPLAIN " + SEARCH.formatted(column))) {
      s.setString(1, pattern);
      s.setInt(2, 51);
      s.setInt(3, 0);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1).strip()).append(" | ");
        }
      }
    }
    return plan.toString();
  }

  private interface DatabaseTest {
    void run(DataSource dataSource) throws Exception;
  }

  private static void withFreshPostgresDatabase(DatabaseTest test) throws Exception {
    assumeFalse(POSTGRES_SERVER.isBlank(), "gatehouse.test.postgres-server is not set");
    String database = "gatehouse_substring_" + UUID.randomUUID().toString().replace("-", "");
    PGSimpleDataSource server = new PGSimpleDataSource();
    server.setURL(POSTGRES_SERVER);
    execute(server, "CREATE DATABASE " + database);
    try {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(POSTGRES_SERVER);
      pg.setDatabaseName(database);
      test.run(pg);
    } finally {
      execute(server, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
