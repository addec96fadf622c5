package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs last (failsafe runs the ITs alphabetically, in one JVM): after the whole suite, looks for
 * every secret it gave the gateway — backend credentials, sealed keys, the audit chain key, planted
 * secrets — and for any bearer token at all, in the server logs, in the audit store (the JSON Lines
 * export of every record with its transcripts, and on PostgreSQL a dump of the whole database) and
 * in what the admin API answers. None may appear.
 */
@ExtendWith(ArquillianExtension.class)
class ZzSecretsHygieneIT {

  /** A compact JWS as callers present them (header and payload are base64url JSON objects). */
  private static final Pattern BEARER_TOKEN =
      Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");

  private static final TestDomain domain = TestDomain.get();

  private static List<String> secrets;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  /**
   * Plants a secret of its own too, in a prompt and beside a bearer token, so that the scan has
   * something to miss even when this class runs alone.
   */
  @BeforeAll
  static void plantASecretAndCollectThoseOfTheSuite() throws Exception {
    String planted =
        TestSecrets.use(checksummedGitHubToken(UUID.randomUUID().toString().replace("-", "")));
    HttpResponse<String> sent =
        domain
            .client()
            .send(
                domain
                    .request("/gw/demo/v1/chat/completions")
                    .header("Authorization", "Bearer " + domain.token("hygiene", "demo-users"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"deploy with token "
                                + planted
                                + "\"}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    domain.completedAuditRecord(sent.headers().firstValue("gatehouse-audit-id").orElseThrow());
    secrets = TestSecrets.all(domain);
  }

  /**
   * A made-up GitHub token the gateway takes for one: its last six characters are the CRC32 of the
   * thirty before them in base62, as in GitHub's format (a token without it is a look-alike).
   */
  private static String checksummedGitHubToken(String hex32) {
    String body = hex32.substring(0, 30);
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    String base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    long value = crc.getValue();
    char[] checksum = new char[6];
    for (int i = 5; i >= 0; i--) {
      checksum[i] = base62.charAt((int) (value % 62));
      value /= 62;
    }
    return "gh" + "p_" + body + new String(checksum);
  }

  @Test
  void noSecretAppearsInTheServerLog() throws Exception {
    Path logs = domain.home().resolve("domains/gatehouse/logs");
    assertThat(logs).isDirectory();
    List<Path> files;
    try (Stream<Path> s = Files.list(logs)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("server.log")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      assertClean(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void noSecretAppearsInTheAuditTrailOrTheAdminApi() throws Exception {
    String admin = domain.token("hygiene-admin", "gatehouse-admin", "gatehouse-auditor");
    Map<String, String> answers = new LinkedHashMap<>();
    for (String path :
        List.of(
            "/api/v1/audit/export",
            "/api/v1/audit?limit=500",
            "/api/v1/audit/sinks",
            "/api/v1/admin-events?limit=500",
            "/api/v1/connections",
            "/api/v1/connections/export",
            "/api/v1/policies",
            "/api/v1/approvals",
            "/api/v1/approvals/grants",
            "/api/v1/approvals/notifications")) {
      HttpResponse<String> response =
          domain
              .client()
              .send(
                  domain
                      .request(path)
                      .timeout(Duration.ofMinutes(2))
                      .header("Authorization", "Bearer " + admin)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      answers.put(path, response.body());
    }
    // The export holds every record of the suite (at least the planted one), with transcripts.
    assertThat(answers.get("/api/v1/audit/export")).contains("deploy with token");
    answers.forEach(ZzSecretsHygieneIT::assertClean);
  }

  @Test
  void noSecretAppearsAnywhereInThePostgresqlDatabase() throws Exception {
    // On H2 the database runs inside the server; its content is read through the API above.
    Assumptions.assumeTrue(TestPostgres.active(), "PostgreSQL run only");
    String database = TestPostgres.database();
    String content =
        TestPostgres.run("pg_dump", List.of("--data-only", database), Duration.ofMinutes(2));
    assertThat(content).contains("COPY public.audit_record");
    assertClean("pg_dump " + database, content);
  }

  private static void assertClean(String where, String text) {
    for (String secret : secrets) {
      assertThat(text)
          .as("%s must not contain a secret the suite used", where)
          .doesNotContain(secret);
    }
    List<String> tokens = new ArrayList<>();
    Matcher m = BEARER_TOKEN.matcher(text);
    while (m.find() && tokens.size() < 5) {
      tokens.add(m.group());
    }
    assertThat(tokens).as("%s must not contain a bearer token", where).isEmpty();
  }
}
