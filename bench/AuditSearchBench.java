// Search latency of the audit trail over a large generated table: fills audit_record (schema from
// the real Flyway migrations) with N records and times the query shapes /api/v1/audit issues.
//
// Run through bench/audit-search (it finds the JDBC drivers), or:
//   java -cp h2.jar:postgresql.jar bench/AuditSearchBench.java <jdbc-url> [user] [rows] [runs]
//
// The SQL is what EclipseLink generates for AuditService.search: every column, the filters, ORDER BY
// started_at DESC, id DESC, LIMIT ? OFFSET ? (bound, as EclipseLink binds them: page+1 and 0). One
// prepared statement per shape, as the server's statement cache would hold it, so PostgreSQL's
// plan cache may switch to a generic plan after five runs just as it would in the application.
// Times are wall-clock per query including reading the page; each shape runs with fresh random
// parameters. Not a test: it reports, it asserts nothing (SubstringSearchTest asserts the plans).
//
// EXPLAIN=1 prints each shape's plan first (on PostgreSQL: the plan for the first parameters, and
// with EXPLAIN=analyze the executed plan with its timings and buffers).

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

public class AuditSearchBench {

  static final int PAGE = 50;
  static final Instant END = Instant.parse("2026-11-25T00:00:00Z");
  static final long SPAN_SECONDS = 30L * 24 * 3600; // a month of traffic
  static final String[] DECISIONS = {"ALLOWED", "REFUSED", "BLOCKED", "PENDING", "RELEASED", "ERROR"};
  static final String[] PATHS = {
    "/v1/chat/completions", "/v1/models", "/v1/tools/calculator", "/v1/tools/search",
    "/v1/embeddings", "/v1/agents/run", "/v1/agents/status", "/v1/files/upload"
  };

  /** {@code lead}: the equality column AuditService.search puts first in ORDER BY, or "". */
  record Shape(String name, String where, String lead, Function<Random, Object[]> params) {
    Shape(String name, String where, Function<Random, Object[]> params) {
      this(name, where, "", params);
    }
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args.length > 1 ? args[1] : "";
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    boolean postgres = url.startsWith("jdbc:postgresql");
    // Filling is write-heavy: H2 gets a larger page cache for it (random UUID keys in seven
    // indexes thrash the default one). The search then runs with the defaults the domain uses.
    try (Connection c = DriverManager.getConnection(postgres ? url : url + ";CACHE_SIZE=524288", user, "")) {
      long existing = count(c);
      if (!hasTable(c)) {
        migrate(c, postgres);
      } else if (migratedTo(c) < latestMigration(postgres)) {
        throw new IllegalStateException("the scratch database predates migration V" + latestMigration(postgres)
            + ": drop it (bench/target/audit-search.mv.db, or DROP DATABASE on PostgreSQL) and run again");
      }
      if (existing < rows) {
        fill(c, existing, rows, postgres);
      }
      analyze(c, url);
    }
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      System.out.printf(Locale.ROOT, "%s, %,d records, %d runs per shape, page %d, load average %s%n", url, count(c), runs,
          PAGE, loadAverage());
      System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %9s%n", "shape", "p50 ms", "p95 ms", "p99 ms", "max ms");
      String only = System.getenv("SHAPES");
      for (Shape shape : shapes()) {
        if (only != null && !shape.name().contains(only)) {
          continue;
        }
        measure(c, shape, runs);
      }
      System.out.println("load average after: " + loadAverage());
    }
  }

  static String loadAverage() {
    try {
      return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (Exception e) {
      return "unknown";
    }
  }

  static List<Shape> shapes() {
    return List.of(
        new Shape("newest page", "", r -> new Object[0]),
        new Shape("page via cursor", " AND started_at <= ? AND (started_at < ? OR id < ?)",
            r -> { OffsetDateTime t = time(r); return new Object[] {t, t, "8"}; }),
        new Shape("connection", " AND connection_name = ?", "connection_name, ", r -> new Object[] {connection(r)}),
        new Shape("caller", " AND caller_subject = ?", "caller_subject, ", r -> new Object[] {caller(r)}),
        new Shape("decision BLOCKED (2%)", " AND decision = ?", "decision, ", r -> new Object[] {"BLOCKED"}),
        new Shape("status 502 (1%)", " AND status_code = ?", "status_code, ", r -> new Object[] {502}),
        new Shape("time range 1 h", " AND started_at >= ? AND started_at < ?",
            r -> { OffsetDateTime t = time(r); return new Object[] {t, t.plusHours(1)}; }),
        new Shape("caller + 1 day", " AND started_at >= ? AND started_at < ? AND caller_subject = ?", "caller_subject, ",
            r -> { OffsetDateTime t = time(r); return new Object[] {t, t.plusDays(1), caller(r)}; }),
        new Shape("connection + decision", " AND connection_name = ? AND decision = ?", "connection_name, decision, ",
            r -> new Object[] {connection(r), "BLOCKED"}),
        new Shape("path contains (common)", " AND path LIKE ?", r -> new Object[] {"%tools/calc%"}),
        new Shape("rule hit (0.5%)", " AND rule_hits LIKE ?", r -> new Object[] {"%\"ruleId\":\"rule-" + r.nextInt(5) + "\"%"}),
        new Shape("rule hit (rare, 0.01%)", " AND rule_hits LIKE ?",
            r -> new Object[] {"%\"ruleId\":\"canary-" + r.nextInt(10) + "\"%"}),
        new Shape("path contains (rare, 0.01%)", " AND path LIKE ?", r -> new Object[] {"%/rare/" + r.nextInt(10) + "%"}),
        new Shape("path contains + 1 day", " AND started_at >= ? AND started_at < ? AND path LIKE ?",
            r -> { OffsetDateTime t = time(r); return new Object[] {t, t.plusDays(1), "%/rare/%"}; }));
  }

  static void measure(Connection c, Shape shape, int runs) throws SQLException {
    String sql = "SELECT * FROM audit_record WHERE 1 = 1" + shape.where()
        + " ORDER BY " + shape.lead() + "started_at DESC, id DESC LIMIT ? OFFSET ?";
    Random random = new Random(42);
    String explain = System.getenv("EXPLAIN");
    if (explain != null) {
      boolean analyze = explain.equals("analyze") && c.getMetaData().getURL().startsWith("jdbc:postgresql");
      try (PreparedStatement s = c.prepareStatement((analyze ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN ") + sql)) {
        Object[] params = shape.params().apply(new Random(1));
        bind(s, params);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            System.out.println("  " + rs.getString(1).replaceAll("\\s+", " "));
          }
        }
      }
    }
    long[] nanos = new long[runs];
    int warm = Math.max(5, runs / 10);
    long found = 0;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = -warm; i < runs; i++) {
        bind(s, shape.params().apply(random));
        long t0 = System.nanoTime();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            rs.getString("request_transcript");
            found++;
          }
        }
        if (i >= 0) {
          nanos[i] = System.nanoTime() - t0;
        }
      }
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "%-34s %9.2f %9.2f %9.2f %9.2f%n", shape.name(),
        ms(nanos[runs / 2]), ms(nanos[(int) Math.ceil(runs * 0.95) - 1]),
        ms(nanos[(int) Math.ceil(runs * 0.99) - 1]), ms(nanos[runs - 1]));
  }

  /** The shape's parameters, then LIMIT page + 1 OFFSET 0. */
  static void bind(PreparedStatement s, Object[] params) throws SQLException {
    for (int p = 0; p < params.length; p++) {
      s.setObject(p + 1, params[p]);
    }
    s.setInt(params.length + 1, PAGE + 1);
    s.setInt(params.length + 2, 0);
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }

  static OffsetDateTime time(Random r) {
    return OffsetDateTime.ofInstant(END.minusSeconds((long) (r.nextDouble() * SPAN_SECONDS)), ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MICROS);
  }

  static String connection(Random r) {
    return "agent-" + r.nextInt(20);
  }

  static String caller(Random r) {
    return "user-" + r.nextInt(1000);
  }

  static long count(Connection c) throws SQLException {
    if (!hasTable(c)) {
      return 0;
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_record")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static boolean hasTable(Connection c) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase("audit_record")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Runs the real migrations in version order, as SchemaMigration does: the portable ones in
   * db/migration and this database's own in db/postgresql (plain SQL, no Flyway needed for a
   * scratch database; a PL/pgSQL block between $$ is one statement).
   */
  static void migrate(Connection c, boolean postgres) throws Exception {
    List<Path> files = migrations(postgres);
    try (Statement s = c.createStatement()) {
      for (Path file : files) {
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
          if (!line.strip().startsWith("--")) {
            sql.append(line).append('\n');
          }
        }
        for (String statement : statements(sql.toString())) {
          s.execute(statement);
        }
        System.out.println("migrated " + file.getFileName());
      }
      s.execute("CREATE TABLE bench_migrated (version INTEGER NOT NULL)");
      s.execute("INSERT INTO bench_migrated VALUES (" + latestMigration(postgres) + ")");
    }
  }

  static List<Path> migrations(boolean postgres) throws Exception {
    List<Path> files = new ArrayList<>();
    for (String folder : postgres ? List.of("migration", "postgresql") : List.of("migration")) {
      try (Stream<Path> list = Files.list(Path.of("ejb/src/main/resources/db", folder))) {
        list.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).forEach(files::add);
      }
    }
    files.sort((a, b) -> Integer.compare(version(a), version(b)));
    return files;
  }

  static int latestMigration(boolean postgres) throws Exception {
    List<Path> files = migrations(postgres);
    return version(files.get(files.size() - 1));
  }

  /** The migration version the scratch database was made with (0: before this bench noted it). */
  static int migratedTo(Connection c) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM bench_migrated")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException e) {
      return 0;
    }
  }

  /** SQL split at each ';' outside a $$ … $$ block. */
  static List<String> statements(String sql) {
    List<String> statements = new ArrayList<>();
    boolean inBlock = false;
    int start = 0;
    for (int i = 0; i < sql.length(); i++) {
      if (sql.startsWith("$$", i)) {
        inBlock = !inBlock;
        i++;
      } else if (sql.charAt(i) == ';' && !inBlock) {
        statements.add(sql.substring(start, i));
        start = i + 1;
      }
    }
    statements.add(sql.substring(start));
    return statements.stream().filter(st -> !st.isBlank()).toList();
  }

  static int version(Path p) {
    String n = p.getFileName().toString();
    return Integer.parseInt(n.substring(1, n.indexOf("__")));
  }

  /**
   * Completed, chained-looking records spread evenly over a month, generated inside the database
   * (one INSERT … SELECT per 100,000 rows): about 90 % ALLOWED, 5 % REFUSED, 2 % BLOCKED, 1 % each
   * PENDING, RELEASED, ERROR; 20 connections, 1000 callers, 8 common paths and a rare one in
   * 10,000; rule hits on blocked records and one in 200 others (rule-0 … rule-4), a rare rule
   * (canary-0 … canary-9) on one in 10,000; ~400 bytes of transcripts each.
   */
  static void fill(Connection c, long from, int rows, boolean postgres) throws SQLException {
    long step = SPAN_SECONDS * 1000 / rows;
    String time =
        postgres
            ? "TIMESTAMPTZ '2026-10-26 00:00:00+00' + x * INTERVAL '1 millisecond' * " + step
            : "DATEADD(MILLISECOND, x * " + step + ", TIMESTAMP WITH TIME ZONE '2026-10-26 00:00:00+00')";
    String uuid = postgres ? "gen_random_uuid()::text" : "CAST(RANDOM_UUID() AS VARCHAR)";
    String series = postgres ? "generate_series(?, ?) AS s(x)" : "SYSTEM_RANGE(?, ?) AS s(x)";
    String decision =
        "CASE WHEN MOD(x * 7919, 1000) < 900 THEN 'ALLOWED' WHEN MOD(x * 7919, 1000) < 950 THEN 'REFUSED'"
            + " WHEN MOD(x * 7919, 1000) < 970 THEN 'BLOCKED' WHEN MOD(x * 7919, 1000) < 980 THEN 'PENDING'"
            + " WHEN MOD(x * 7919, 1000) < 990 THEN 'RELEASED' ELSE 'ERROR' END";
    String path =
        "CASE WHEN MOD(x, 10000) = 0 THEN '/rare/' || MOD(x / 10000, 10) ELSE CASE MOD(x * 13, 8)"
            + " WHEN 0 THEN '/v1/chat/completions' WHEN 1 THEN '/v1/models' WHEN 2 THEN '/v1/tools/calculator'"
            + " WHEN 3 THEN '/v1/tools/search' WHEN 4 THEN '/v1/embeddings' WHEN 5 THEN '/v1/agents/run'"
            + " WHEN 6 THEN '/v1/agents/status' ELSE '/v1/files/upload' END END";
    String sql =
        "INSERT INTO audit_record (id, started_at, ended_at, caller_subject, caller_groups, token_id,"
            + " client_address, user_agent, connection_name, method, path, query_string,"
            + " inbound_tls_protocol, inbound_cipher_suite, upstream_tls_protocol, upstream_cipher_suite,"
            + " decision, reason, status_code, total_micros, upstream_micros, bytes_in, bytes_out, seq,"
            + " prev_hash, record_hash, rule_hits, request_transcript, response_transcript,"
            + " request_body_bytes, response_body_bytes, transcript_truncated)"
            + " SELECT " + uuid + ", t, t, 'user-' || MOD(x * 104729, 1000), 'demo-users', " + uuid + ","
            + " '10.0.' || MOD(x, 256) || '.' || MOD(x * 7, 256), 'python-httpx/0.27',"
            + " 'agent-' || MOD(x * 31, 20), CASE WHEN MOD(x, 4) = 0 THEN 'GET' ELSE 'POST' END, p,"
            + " CASE WHEN MOD(x, 5) = 0 THEN 'stream=true' END, 'TLSv1.3', 'TLS_AES_256_GCM_SHA384',"
            + " 'TLSv1.3', 'TLS_AES_128_GCM_SHA256', d, CASE WHEN d = 'BLOCKED' THEN 'policy_blocked' END,"
            + " CASE WHEN d = 'BLOCKED' THEN 403 WHEN d = 'REFUSED' THEN 401 WHEN d = 'PENDING' THEN 202"
            + " WHEN d = 'ERROR' THEN 504 WHEN MOD(x, 100) = 7 THEN 502 ELSE 200 END,"
            + " 5000 + MOD(x * 37, 50000), 4000 + MOD(x * 41, 40000), 90, 400 + MOD(x * 43, 2000), x + 1,"
            + " '" + "0".repeat(64) + "', '" + "f".repeat(64) + "',"
            + " CASE WHEN MOD(x, 10000) = 5000 THEN '[{\"ruleId\":\"canary-' || MOD(x / 10000, 10)"
            + " || '\",\"action\":\"BLOCK\",\"where\":\"body\"}]'"
            + " WHEN d = 'BLOCKED' OR MOD(x * 17, 200) = 0 THEN '[{\"ruleId\":\"rule-' || MOD(x, 5)"
            + " || '\",\"action\":\"BLOCK\",\"where\":\"body\"}]' END,"
            + " 'POST /gw/agent' || p || CHR(10) || 'authorization: [REDACTED]' || CHR(10)"
            + " || 'content-type: application/json' || CHR(10) || CHR(10)"
            + " || '{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":\"question ' || x || '\"}]}',"
            + " 'HTTP 200' || CHR(10) || 'content-type: application/json' || CHR(10) || CHR(10)"
            + " || '{\"answer\":\"[EMAIL] said 42, see the attached report for the details of run ' || x || '\"}',"
            + " 90, 80, FALSE"
            + " FROM (SELECT x, " + time + " AS t, " + decision + " AS d, " + path + " AS p FROM " + series + ") g";
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    long t0 = System.nanoTime();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (long a = from; a < rows; a += 100_000) {
        long b = Math.min(rows, a + 100_000) - 1;
        s.setLong(1, a);
        s.setLong(2, b);
        s.executeUpdate();
        c.commit();
        System.out.printf(Locale.ROOT, "  %,d rows (%.0f s)%n", b + 1, (System.nanoTime() - t0) / 1e9);
      }
    } finally {
      c.setAutoCommit(auto);
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE audit_chain_head SET last_seq = " + rows + " WHERE id = 1");
    }
  }

  static void analyze(Connection c, String url) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(url.startsWith("jdbc:postgresql") ? "ANALYZE audit_record" : "ANALYZE");
    }
  }
}
