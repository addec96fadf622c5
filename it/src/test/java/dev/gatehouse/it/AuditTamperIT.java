package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tamper evidence against an intruder with database access: an {@code UPDATE} and a {@code DELETE}
 * made directly in the database, beside the application, are found by {@code /api/v1/audit/verify}
 * at exactly that record. The intruder is a second deployment (a JSP running SQL on the same {@code
 * jdbc/gatehouse}), so the test works the same on H2 inside the server and on PostgreSQL. Each test
 * puts the row back afterwards and checks that the chain verifies again.
 *
 * <p>The test domain runs with the audit chain key {@code gatehouse up} generates, so records are
 * sealed with HMAC-SHA256 (format v2): the stronger intruder, who also recomputes the plain SHA-256
 * of every later record ({@code rechain.jsp}, written from the documented canonical form alone), is
 * caught too.
 */
@ExtendWith(ArquillianExtension.class)
class AuditTamperIT {

  private static final String INTRUDER_JSP =
      "<%@ page contentType=\"text/plain; charset=UTF-8\""
          + " import=\"javax.naming.InitialContext,javax.sql.DataSource,java.sql.*\" %><%\n"
          + "if (!\"POST\".equals(request.getMethod())) { response.setStatus(405); return; }\n"
          + "DataSource ds = (DataSource) new InitialContext().lookup(\"jdbc/gatehouse\");\n"
          + "try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {\n"
          + "  for (String sql : request.getParameterValues(\"sql\")) {"
          + " out.println(s.executeUpdate(sql)); }\n"
          + "}\n%>";

  private final TestDomain domain = TestDomain.get();
  private final String callerToken = domain.token("mallory-victim", "demo-users");
  private final String auditorToken = domain.token("carol", "gatehouse-auditor");

  @Deployment(name = "gatehouse", order = 1, testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @Deployment(name = "intruder", order = 2, testable = false)
  static WebArchive intruder() {
    return ShrinkWrap.create(WebArchive.class, "audit-intruder.war")
        .addAsWebResource(new StringAsset(INTRUDER_JSP), "sql.jsp")
        .addAsWebResource("audit-intruder/rechain.jsp", "rechain.jsp");
  }

  @Test
  void verificationFailsAtARowUpdatedInTheDatabase() throws Exception {
    new TestAsadmin(domain).awaitApplication(); // a loaded machine may still be starting it
    List<Long> seqs = requests(3);
    long target = seqs.get(1);
    String id = idOf(target);
    assertThat(verify(seqs.get(0), seqs.get(2)).get("ok")).isEqualTo(true);

    sql("UPDATE audit_record SET status_code = 299 WHERE seq = " + target);
    Map<String, Object> broken = verify(seqs.get(0), seqs.get(2));
    Map<String, Object> whole = verify(null, null);
    sql("UPDATE audit_record SET status_code = 200 WHERE seq = " + target);

    assertThat(broken.get("ok")).isEqualTo(false);
    assertThat(broken.get("brokenAt")).isEqualTo(target);
    assertThat(broken.get("recordId")).isEqualTo(id);
    assertThat(broken.get("problem")).isEqualTo("hash_mismatch");
    assertThat(whole.get("brokenAt")).isEqualTo(target);
    assertThat(verify(seqs.get(0), seqs.get(2)).get("ok")).isEqualTo(true);
  }

  @Test
  void verificationFailsWhereARowWasDeletedFromTheDatabase() throws Exception {
    new TestAsadmin(domain).awaitApplication(); // a loaded machine may still be starting it
    List<Long> seqs = requests(3);
    long target = seqs.get(1);

    sql(
        "CREATE TABLE audit_intruder_copy AS SELECT * FROM audit_record WHERE seq = " + target,
        "DELETE FROM audit_record WHERE seq = " + target);
    Map<String, Object> broken;
    Map<String, Object> whole;
    try {
      broken = verify(seqs.get(0), seqs.get(2));
      whole = verify(null, null);
    } finally {
      sql(
          "INSERT INTO audit_record SELECT * FROM audit_intruder_copy",
          "DROP TABLE audit_intruder_copy");
    }

    assertThat(broken.get("ok")).isEqualTo(false);
    assertThat(broken.get("brokenAt")).isEqualTo(target);
    assertThat(broken.get("problem")).isEqualTo("missing_record");
    assertThat(whole.get("ok")).isEqualTo(false);
    assertThat(whole.get("brokenAt")).isEqualTo(target);
    assertThat(verify(seqs.get(0), seqs.get(2)).get("ok")).isEqualTo(true);
  }

  @Test
  void recordsAreKeyedAndARewriteWithEveryLaterSha256RecomputedIsCaught() throws Exception {
    new TestAsadmin(domain).awaitApplication(); // a loaded machine may still be starting it
    List<Long> seqs = requests(3);
    long target = seqs.get(1);
    String id = idOf(target);
    String chain = Json.object(domain.completedAuditRecord(id), "chain");
    assertThat(Json.field(chain, "keyId")).isEqualTo(domain.chainKeyId());
    Map<String, Object> before = verify(null, null);
    assertThat(before.get("ok")).as(before.toString()).isEqualTo(true);
    assertThat(((Number) before.get("keyed")).longValue()).isGreaterThanOrEqualTo(3);

    for (boolean downgrade : List.of(false, true)) {
      Map<String, Object> whole;
      sql(
          "CREATE TABLE audit_intruder_rows AS SELECT id, status_code, prev_hash, record_hash,"
              + " chain_key_id FROM audit_record WHERE seq >= "
              + target,
          "CREATE TABLE audit_intruder_head AS SELECT last_seq, last_hash FROM audit_chain_head");
      try {
        rechain(target, downgrade);
        whole = verify(null, null);
      } finally {
        sql(
            "UPDATE audit_record SET"
                + " status_code = (SELECT o.status_code FROM audit_intruder_rows o"
                + " WHERE o.id = audit_record.id),"
                + " prev_hash = (SELECT o.prev_hash FROM audit_intruder_rows o"
                + " WHERE o.id = audit_record.id),"
                + " record_hash = (SELECT o.record_hash FROM audit_intruder_rows o"
                + " WHERE o.id = audit_record.id),"
                + " chain_key_id = (SELECT o.chain_key_id FROM audit_intruder_rows o"
                + " WHERE o.id = audit_record.id)"
                + " WHERE id IN (SELECT id FROM audit_intruder_rows)",
            "UPDATE audit_chain_head SET last_hash = (SELECT last_hash FROM audit_intruder_head)"
                + " WHERE last_seq = (SELECT last_seq FROM audit_intruder_head)",
            "DROP TABLE audit_intruder_rows",
            "DROP TABLE audit_intruder_head");
      }
      assertThat(whole.get("ok")).as(whole.toString()).isEqualTo(false);
      assertThat(whole.get("verdict")).isEqualTo("broken");
      assertThat(whole.get("brokenAt")).isEqualTo(target);
      assertThat(whole.get("recordId")).isEqualTo(id);
      // keeping the key id, the HMAC cannot be forged; clearing it is a downgrade after keyed
      // records
      assertThat(whole.get("problem")).isEqualTo(downgrade ? "unkeyed_record" : "hash_mismatch");
      Map<String, Object> restored = verify(null, null);
      assertThat(restored.get("ok")).as(restored.toString()).isEqualTo(true);
    }
  }

  /** Sends requests one after another; returns their records' chain sequence numbers. */
  private List<Long> requests(int count) throws Exception {
    List<Long> seqs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HttpResponse<String> r =
          domain
              .client()
              .send(
                  domain
                      .request("/gw/demo/v1/models?tamper=" + i)
                      .header("Authorization", "Bearer " + callerToken)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      String record =
          domain.completedAuditRecord(r.headers().firstValue("gatehouse-audit-id").orElseThrow());
      seqs.add(Json.number(Json.object(record, "chain"), "seq"));
    }
    return seqs;
  }

  private String idOf(long seq) throws Exception {
    String line = get("/api/v1/audit/export?fromSeq=" + seq + "&toSeq=" + seq).strip();
    return (String)
        JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(line), "metadata").get("uid");
  }

  private Map<String, Object> verify(Long from, Long to) throws Exception {
    String query = from == null ? "" : "?from=" + from + "&to=" + to;
    return JSONObjectUtils.parse(get("/api/v1/audit/verify" + query));
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r =
        domain
            .client()
            .send(
                domain.request(path).header("Authorization", "Bearer " + auditorToken).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  /**
   * What an operator or a cron job runs: {@code gatehouse audit-verify} exits 0 on an intact range,
   * 1 at a row altered in the database, and 2 (neither intact nor broken) for a record sealed under
   * a chain key this server does not hold.
   */
  @Test
  void theAuditVerifyCommandExitsOneOnATamperedRowAndTwoOnAnUnknownKey() throws Exception {
    new TestAsadmin(domain).awaitApplication(); // a loaded machine may still be starting it
    List<Long> seqs = requests(3);
    long first = seqs.get(0);
    long last = seqs.get(2);
    long target = seqs.get(1);

    CommandResult intact = auditVerify(first, last);
    assertThat(intact.exitCode()).as(intact.output()).isZero();
    assertThat(intact.output()).contains("\"verdict\":\"intact\"");

    sql("UPDATE audit_record SET status_code = 299 WHERE seq = " + target);
    CommandResult broken;
    try {
      broken = auditVerify(first, last);
    } finally {
      sql("UPDATE audit_record SET status_code = 200 WHERE seq = " + target);
    }
    assertThat(broken.exitCode()).as(broken.output()).isEqualTo(1);
    assertThat(broken.output()).contains("\"brokenAt\":" + target, "\"hash_mismatch\"");

    sql("UPDATE audit_record SET chain_key_id = '0badc0de0badc0de' WHERE seq = " + target);
    CommandResult unknownKey;
    try {
      unknownKey = auditVerify(first, last);
    } finally {
      sql(
          "UPDATE audit_record SET chain_key_id = '"
              + domain.chainKeyId()
              + "' WHERE seq = "
              + target);
    }
    assertThat(unknownKey.exitCode()).as(unknownKey.output()).isEqualTo(2);
    assertThat(unknownKey.output()).contains("\"verdict\":\"unverifiable\"", "0badc0de0badc0de");
    assertThat(auditVerify(first, last).exitCode()).isZero();
  }

  private record CommandResult(int exitCode, String output) {}

  /** Runs {@code server-config/gatehouse audit-verify} against the test domain. */
  private CommandResult auditVerify(long from, long to) throws Exception {
    Path script = TestDomain.gatehouseScript();
    Process process =
        new ProcessBuilder(
                "bash",
                script.toString(),
                "audit-verify",
                "--home",
                domain.home().toString(),
                "--from",
                String.valueOf(from),
                "--to",
                String.valueOf(to))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("audit-verify finished").isTrue();
    return new CommandResult(process.exitValue(), output);
  }

  /** Rewrites the record at {@code seq} and rechains everything after it with plain SHA-256. */
  private void rechain(long seq, boolean downgrade) throws Exception {
    HttpResponse<String> r =
        domain
            .client()
            .send(
                domain
                    .request("/audit-intruder/rechain.jsp")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "from=" + seq + "&downgrade=" + downgrade))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body().strip()).hasSize(64);
  }

  /** Runs statements directly in the database, as an intruder would. */
  private void sql(String... statements) throws Exception {
    String form =
        java.util.Arrays.stream(statements)
            .map(s -> "sql=" + URLEncoder.encode(s, StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> r =
        domain
            .client()
            .send(
                domain
                    .request("/audit-intruder/sql.jsp")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }
}
