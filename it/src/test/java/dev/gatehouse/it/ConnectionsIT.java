package dev.gatehouse.it;

import static dev.gatehouse.it.AdminApi.str;
import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection registry's admin API as an operator uses it: register a backend, call it through
 * the gateway, change it, rotate the secrets key; and its refusals: invalid fields listed,
 * duplicate names, stale versions, metadata addresses, wrong roles. No response ever carries a
 * secret.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectionsIT {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Names unique to this run, so the suite can run again against the same database. */
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private static final String N_NEWCOMER = "newcomer-" + RUN;
  private static final String N_TWICE = "twice-" + RUN;
  private static final String N_VERSIONED = "versioned-" + RUN;
  private static final String N_RACED = "raced-" + RUN;
  private static final String N_SHORT_LIVED = "short-lived-" + RUN;
  private static final String N_EVENTED = "evented-" + RUN;
  private static final String N_NO_SECRET = "no-secret-" + RUN;
  private static final String N_BY_AUDITOR = "by-auditor-" + RUN;
  private static final String N_METADATA = "metadata-" + RUN;
  private static final String N_PLAIN = "plain-" + RUN;
  private static final String N_MOVING = "moving-" + RUN;
  private static final String N_GATED = "gated-" + RUN;
  private static final String N_BAD_APPROVAL = "bad-approval-" + RUN;
  private static final String N_STALE_DELETE = "stale-delete-" + RUN;

  private final TestDomain domain = TestDomain.get();
  private final AdminApi admin = AdminApi.admin(domain);
  private final String callerToken = domain.token("alice", "demo-users");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  private static String secret(String prefix) {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return TestSecrets.use(prefix + HexFormat.of().formatHex(b));
  }

  private String ca() {
    return TestDomain.read(Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CA")));
  }

  private String spec(String name, String baseUrl, String kind, String secret, String extra) {
    return "{\"name\":"
        + str(name)
        + ",\"baseUrl\":"
        + str(baseUrl)
        + ",\"credentialKind\":"
        + str(kind)
        + (secret == null ? "" : ",\"secret\":" + str(secret))
        + ",\"trustedCaPem\":"
        + str(ca())
        + ",\"allowedGroups\":[\"demo-users\"]"
        + (extra == null ? "" : "," + extra)
        + "}";
  }

  private HttpResponse<String> callThroughGateway(String path) throws Exception {
    return domain
        .client()
        .send(
            domain.request(path).header("Authorization", "Bearer " + callerToken).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aNewUserRegistersABackendCallsItRotatesTheKeyAndCallsAgain() throws Exception {
    String credential = domain.demoAgentCredential();
    HttpResponse<String> created =
        admin.post(
            "/api/v1/connections",
            spec(N_NEWCOMER, domain.value("GATEHOUSE_DEMO_AGENT_URL"), "BEARER", credential, null));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/connections/" + N_NEWCOMER));
    assertThat(created.headers().firstValue("etag")).isPresent();
    assertThat(created.body())
        .doesNotContain(credential)
        .contains("\"secretSet\":true")
        .contains("\"kind\":\"BEARER\"");
    assertThat(Json.field(created.body(), "fingerprint")).matches("[0-9a-f]{8}");

    HttpResponse<String> first = callThroughGateway("/gw/" + N_NEWCOMER + "/test/echo");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(Json.field(first.body(), "authorizationCheck")).isEqualTo("matches-credential");
    assertThat(first.body()).doesNotContain(credential);

    // The operator adds a new key to the key file, marks it active and asks for a rotation.
    Path keyFile = domain.home().resolve("secrets.key");
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    String keyId = "it" + Long.toHexString(System.nanoTime());
    Files.writeString(
        keyFile,
        "\n"
            + keyId
            + "="
            + Base64.getEncoder().encodeToString(key)
            + "\nactive-key-id="
            + keyId
            + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    HttpResponse<String> rotated = admin.post("/api/v1/connections/rotate-secrets", "");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    assertThat(Json.field(rotated.body(), "activeKeyId")).isEqualTo(keyId);
    assertThat(Json.number(rotated.body(), "resealed")).isPositive();

    HttpResponse<String> after = admin.get("/api/v1/connections/" + N_NEWCOMER);
    assertThat(Json.field(after.body(), "keyId")).isEqualTo(keyId);
    assertThat(after.body()).doesNotContain(credential);

    HttpResponse<String> second = callThroughGateway("/gw/" + N_NEWCOMER + "/test/echo");
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(Json.field(second.body(), "authorizationCheck")).isEqualTo("matches-credential");
    HttpResponse<String> demo = callThroughGateway("/gw/demo/test/echo");
    assertThat(Json.field(demo.body(), "authorizationCheck")).isEqualTo("matches-credential");
  }

  @Test
  void listsEveryInvalidFieldOfARequest() throws Exception {
    HttpResponse<String> response =
        admin.post(
            "/api/v1/connections",
            "{\"name\":\"Bad Name!\",\"baseUrl\":\"ftp://localhost/\",\"credentialKind\":\"MAGIC\","
                + "\"minTlsVersion\":\"TLSv1.1\",\"connectTimeoutMillis\":-5,"
                + "\"pinSha256\":\"abc\",\"trustedCaPem\":\"not a pem\"}");

    assertProblem(response, 400, "invalid_request");
    for (String field :
        List.of(
            "name",
            "baseUrl",
            "credentialKind",
            "minTlsVersion",
            "connectTimeoutMillis",
            "pinSha256",
            "trustedCaPem")) {
      assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }
  }

  @Test
  void approvalSettingsSetThroughTheApiTakeEffectAndSurviveExportAndImport() throws Exception {
    String credential = domain.demoAgentCredential();
    String agent = domain.value("GATEHOUSE_DEMO_AGENT_URL");
    HttpResponse<String> created =
        admin.post(
            "/api/v1/connections",
            spec(
                N_GATED,
                agent,
                "BEARER",
                credential,
                "\"approvalRequired\":true,\"approvalPendingTtlSeconds\":120,"
                    + "\"approvalApprovedTtlSeconds\":60,\"approvalsRequired\":2,"
                    + "\"reviewerGroups\":[\"gated-reviewers\"]"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String approval = Json.object(created.body(), "approval");
    assertThat(approval)
        .contains("\"required\":true")
        .contains("\"pendingTtlSeconds\":120")
        .contains("\"approvedTtlSeconds\":60")
        .contains("\"approvalsRequired\":2")
        .contains("\"reviewerGroups\":[\"gated-reviewers\"]");

    HttpResponse<String> held = callThroughGateway("/gw/" + N_GATED + "/test/echo");
    assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
    String approvalId = Json.field(held.body(), "approvalId");
    HttpResponse<String> shown =
        new AdminApi(domain, "gwen", "gatehouse-reviewer", "gated-reviewers")
            .get("/api/v1/approvals/" + approvalId);
    assertThat(Json.number(shown.body(), "approvalsRequired")).isEqualTo(2);
    // Outside the connection's reviewer groups, even an admin may neither read nor decide.
    assertProblem(admin.get("/api/v1/approvals/" + approvalId), 404, "unknown_approval");
    assertProblem(
        admin.post("/api/v1/approvals/" + approvalId + "/approve", "{}"),
        403,
        "reviewer_not_allowed");

    HttpResponse<String> export = admin.get("/api/v1/connections/export");
    assertThat(export.body())
        .contains("\"approvalRequired\":true")
        .contains("\"reviewerGroups\":[\"gated-reviewers\"]");
    HttpResponse<String> imported = admin.post("/api/v1/connections/import", export.body());
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body()).doesNotContain("\"updated\":[\"" + N_GATED);
    assertThat(Json.object(admin.get("/api/v1/connections/" + N_GATED).body(), "approval"))
        .isEqualTo(approval);

    // PUT replaces the whole connection: without approval fields, approval is off again.
    HttpResponse<String> current = admin.get("/api/v1/connections/" + N_GATED);
    HttpResponse<String> replaced =
        admin.put(
            "/api/v1/connections/" + N_GATED,
            spec(N_GATED, agent, "BEARER", null, null),
            current.headers().firstValue("etag").orElseThrow());
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(Json.object(replaced.body(), "approval")).contains("\"required\":false");
    HttpResponse<String> free = callThroughGateway("/gw/" + N_GATED + "/test/echo");
    assertThat(free.statusCode()).as(free.body()).isEqualTo(200);
  }

  @Test
  void refusesInvalidApprovalSettingsNamingEachField() throws Exception {
    HttpResponse<String> response =
        admin.post(
            "/api/v1/connections",
            spec(
                N_BAD_APPROVAL,
                domain.value("GATEHOUSE_DEMO_AGENT_URL"),
                "NONE",
                null,
                "\"approvalRequired\":true,\"approvalPendingTtlSeconds\":0,"
                    + "\"approvalApprovedTtlSeconds\":99999999,\"approvalsRequired\":0,"
                    + "\"reviewerGroups\":[\"a,b\"]"));

    assertProblem(response, 400, "invalid_request");
    for (String field :
        List.of(
            "approvalPendingTtlSeconds",
            "approvalApprovedTtlSeconds",
            "approvalsRequired",
            "reviewerGroups[0]")) {
      assertThat(response.body()).contains("\"field\":\"" + field);
    }
    assertProblem(admin.get("/api/v1/connections/" + N_BAD_APPROVAL), 404, "unknown_connection");

    HttpResponse<String> imported =
        admin.post(
            "/api/v1/connections/import",
            "{\"connections\":["
                + spec(
                    N_BAD_APPROVAL,
                    domain.value("GATEHOUSE_DEMO_AGENT_URL"),
                    "NONE",
                    null,
                    "\"approvalsRequired\":21")
                + "]}");
    assertProblem(imported, 400, "invalid_request");
    assertThat(imported.body()).contains("\"field\":\"connections[0].approvalsRequired\"");
    assertProblem(admin.get("/api/v1/connections/" + N_BAD_APPROVAL), 404, "unknown_connection");
  }

  @Test
  void requiresASecretForACredentialKindAndAHeaderNameForHeader() throws Exception {
    HttpResponse<String> response =
        admin.post(
            "/api/v1/connections",
            "{\"name\":\""
                + N_NO_SECRET
                + "\",\"baseUrl\":\"https://localhost:1\","
                + "\"credentialKind\":\"HEADER\"}");

    assertProblem(response, 400, "invalid_request");
    assertThat(response.body())
        .contains("\"field\":\"secret\"")
        .contains("\"field\":\"credentialHeader\"");
  }

  @Test
  void refusesMalformedJsonWithoutEchoingIt() throws Exception {
    String secret = secret("malformed-");
    HttpResponse<String> response =
        admin.post("/api/v1/connections", "{\"name\":\"x\",\"secret\":\"" + secret + "\",");

    assertProblem(response, 400, "invalid_request");
    assertThat(response.body()).doesNotContain(secret);
  }

  @Test
  void refusesADuplicateNameWith409() throws Exception {
    String body = spec(N_TWICE, "https://localhost:1", "NONE", null, null);
    assertThat(admin.post("/api/v1/connections", body).statusCode()).isEqualTo(201);

    assertProblem(admin.post("/api/v1/connections", body), 409, "duplicate_connection");
  }

  @Test
  void refusesCloudMetadataAndLinkLocalBackends() throws Exception {
    for (String url :
        List.of(
            "https://169.254.169.254/latest/meta-data/",
            "https://metadata.google.internal/computeMetadata/v1/",
            "https://[fd00:ec2::254]/",
            "https://169.254.1.1:8443/")) {
      HttpResponse<String> response =
          admin.post("/api/v1/connections", spec(N_METADATA, url, "NONE", null, null));
      assertProblem(response, 400, "invalid_request");
      assertThat(response.body()).contains("\"field\":\"baseUrl\"");
    }
    assertProblem(admin.get("/api/v1/connections/" + N_METADATA), 404, "unknown_connection");
  }

  @Test
  void refusesAPlainHttpBackend() throws Exception {
    HttpResponse<String> response =
        admin.post(
            "/api/v1/connections", spec(N_PLAIN, "http://localhost:8080", "NONE", null, null));

    assertProblem(response, 400, "invalid_request");
    assertThat(response.body()).contains("\"field\":\"baseUrl\"");
  }

  @Test
  void refusesAStaleUpdateWith412() throws Exception {
    String secret = secret("stale-");
    HttpResponse<String> created =
        admin.post(
            "/api/v1/connections",
            spec(N_VERSIONED, "https://localhost:1", "BEARER", secret, null));
    String etag = created.headers().firstValue("etag").orElseThrow();

    HttpResponse<String> firstUpdate =
        admin.put(
            "/api/v1/connections/" + N_VERSIONED,
            spec(N_VERSIONED, "https://localhost:1/v2", "BEARER", null, null),
            etag);
    assertThat(firstUpdate.statusCode()).as(firstUpdate.body()).isEqualTo(200);
    assertThat(firstUpdate.headers().firstValue("etag")).isPresent().isNotEqualTo(etag);
    assertThat(firstUpdate.body()).contains("\"secretSet\":true").doesNotContain(secret);

    assertProblem(
        admin.put(
            "/api/v1/connections/" + N_VERSIONED,
            spec(N_VERSIONED, "https://localhost:3", "BEARER", null, null),
            etag),
        412,
        "stale_version");
  }

  @Test
  void refusesAStaleOrUnreadableIfMatchOnDeleteWith412AndDeletesWithTheCurrentTag()
      throws Exception {
    HttpResponse<String> created =
        admin.post(
            "/api/v1/connections", spec(N_STALE_DELETE, "https://localhost:1", "NONE", null, null));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String first = created.headers().firstValue("etag").orElseThrow();
    HttpResponse<String> updated =
        admin.put(
            "/api/v1/connections/" + N_STALE_DELETE,
            spec(N_STALE_DELETE, "https://localhost:2", "NONE", null, null),
            first);
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    String current = updated.headers().firstValue("etag").orElseThrow();

    assertProblem(
        admin.delete("/api/v1/connections/" + N_STALE_DELETE, first), 412, "stale_version");
    assertProblem(
        admin.delete("/api/v1/connections/" + N_STALE_DELETE, "\"not-a-version\""),
        412,
        "stale_version");
    assertThat(admin.get("/api/v1/connections/" + N_STALE_DELETE).statusCode()).isEqualTo(200);

    assertThat(admin.delete("/api/v1/connections/" + N_STALE_DELETE, current).statusCode())
        .isEqualTo(204);
  }

  @Test
  void requiresTheSecretAgainWhenTheBackendOriginChanges() throws Exception {
    String secret = secret("moving-");
    HttpResponse<String> created =
        admin.post(
            "/api/v1/connections", spec(N_MOVING, "https://localhost:1", "BEARER", secret, null));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    HttpResponse<String> moved =
        admin.put(
            "/api/v1/connections/" + N_MOVING,
            spec(N_MOVING, "https://127.0.0.1:1", "BEARER", null, null),
            null);

    assertProblem(moved, 400, "invalid_request");
    assertThat(moved.body()).contains("\"field\":\"secret\"").doesNotContain(secret);
    assertThat(
            admin
                .put(
                    "/api/v1/connections/" + N_MOVING,
                    spec(N_MOVING, "https://127.0.0.1:1", "BEARER", secret("moved-"), null),
                    null)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void ofTwoConcurrentUpdatesFromTheSameVersionExactlyOneWins() throws Exception {
    HttpResponse<String> created =
        admin.post("/api/v1/connections", spec(N_RACED, "https://localhost:1", "NONE", null, null));
    String etag = created.headers().firstValue("etag").orElseThrow();

    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        String url = "https://localhost:" + (10 + i);
        Callable<Integer> update =
            () ->
                admin
                    .put(
                        "/api/v1/connections/" + N_RACED,
                        spec(N_RACED, url, "NONE", null, null),
                        etag)
                    .statusCode();
        results.add(pool.submit(update));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      assertThat(statuses).containsOnly(200, 412);
      assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deletesAConnectionAndTheGatewayForgetsIt() throws Exception {
    admin.post(
        "/api/v1/connections",
        spec(N_SHORT_LIVED, domain.value("GATEHOUSE_DEMO_AGENT_URL"), "NONE", null, null));
    assertThat(callThroughGateway("/gw/" + N_SHORT_LIVED + "/v1/models").statusCode())
        .isNotEqualTo(404);

    assertThat(admin.delete("/api/v1/connections/" + N_SHORT_LIVED).statusCode()).isEqualTo(204);

    assertProblem(admin.get("/api/v1/connections/" + N_SHORT_LIVED), 404, "unknown_connection");
    assertProblem(
        callThroughGateway("/gw/" + N_SHORT_LIVED + "/v1/models"), 404, "unknown_connection");
  }

  @Test
  void recordsEveryChangeAsAnAdminEventWithTheSecretRedacted() throws Exception {
    String secret = secret("evented-");
    admin.post(
        "/api/v1/connections", spec(N_EVENTED, "https://localhost:1", "BEARER", secret, null));
    admin.put(
        "/api/v1/connections/" + N_EVENTED,
        spec(N_EVENTED, "https://localhost:2", "BEARER", secret("evented2-"), null),
        null);

    HttpResponse<String> events =
        new AdminApi(domain, "audrey", "gatehouse-auditor").get("/api/v1/admin-events?limit=100");

    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.body())
        .contains("\"action\":\"CREATE\"")
        .contains("\"action\":\"UPDATE\"")
        .contains("\"targetName\":\"" + N_EVENTED + "\"")
        .contains("\"actor\":\"ada\"")
        .contains("https://localhost:2")
        .doesNotContain(secret);
  }

  @Test
  void auditorsMayReadButNotChangeConnections() throws Exception {
    AdminApi auditor = new AdminApi(domain, "audrey", "gatehouse-auditor");

    HttpResponse<String> list = auditor.get("/api/v1/connections");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains("\"name\":\"demo\"")
        .doesNotContain(domain.demoAgentCredential());
    assertProblem(
        auditor.post(
            "/api/v1/connections", spec(N_BY_AUDITOR, "https://localhost:1", "NONE", null, null)),
        403,
        "role_required");
    assertProblem(
        new AdminApi(domain, "alice", "demo-users").get("/api/v1/connections"),
        403,
        "role_required");
  }

  @Test
  void testsAConnectionsTlsAndReportsTheSessionOrTheFailure() throws Exception {
    HttpResponse<String> ok = admin.post("/api/v1/connections/demo/test?healthPath=/v1/models", "");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body())
        .contains("\"ok\":true")
        .contains("\"protocol\":\"TLSv1.3\"")
        .contains("CN=localhost")
        .contains("notAfter")
        .contains("\"healthStatus\":200");

    HttpResponse<String> untrusted =
        admin.post("/api/v1/connections/" + TestConnections.UNTRUSTED + "/test", "");
    assertThat(untrusted.body())
        .contains("\"ok\":false")
        .contains("\"reason\":\"upstream_tls_untrusted\"");
  }

  @Test
  void neverReturnsASecretInAnyAdminResponse() throws Exception {
    admin.get("/api/v1/connections");
    List<String> secrets = TestSecrets.all(domain);
    for (String body : AdminApi.SEEN) {
      for (String s : secrets) {
        assertThat(body).doesNotContain(s);
      }
    }
  }
}
