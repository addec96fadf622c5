package dev.gatehouse.it;

import static dev.gatehouse.it.AdminApi.str;
import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bypasses a security review found, each sent through the gateway as the attacker would, with a
 * recording backend ({@link ScriptedBackend}) that proves what reached it. Two connections to it:
 * {@code inspected}, on which a {@code JSON_POINTER} and a {@code BODY} rule block {@code rm -rf},
 * and {@code plain}, with no body rule, whose injected credential the backend can echo.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityBypassIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final String ATTACK = "{\"tool\":\"shell\",\"cmd\":\"rm -rf /\"}";
  private static final String OPENAI_KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";

  /** A credential of no shape any detector knows: only its being the connection's own hides it. */
  private static final String CREDENTIAL =
      TestSecrets.use("conn-echo-" + UUID.randomUUID().toString().replace("-", ""));

  private static ScriptedBackend backend;
  private static String inspected;
  private static String plain;
  private static final java.util.List<String> rules = new java.util.ArrayList<>();

  private final TestDomain domain = TestDomain.get();
  private final String callerToken = domain.token("bob", "demo-users");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void startBackendAndConnections() throws Exception {
    TestDomain domain = TestDomain.get();
    backend = ScriptedBackend.start(domain);
    inspected = "inspected-" + RUN;
    plain = "plain-" + RUN;
    TestConnections.register(domain, inspected, backend.url(), "");
    TestConnections.register(
        domain,
        plain,
        backend.url(),
        "\"credentialKind\":\"BEARER\",\"secret\":" + str(CREDENTIAL));
    AdminApi admin = AdminApi.admin(domain);
    rules.add(
        rule(
            admin,
            "{\"name\":\"no-rm-pointer-"
                + RUN
                + "\",\"connection\":"
                + str(inspected)
                + ",\"target\":\"JSON_POINTER\",\"selector\":\"/cmd\",\"pattern\":\"rm -rf\","
                + "\"action\":\"BLOCK\"}"));
    rules.add(
        rule(
            admin,
            "{\"name\":\"no-rm-body-"
                + RUN
                + "\",\"connection\":"
                + str(inspected)
                + ",\"target\":\"BODY\",\"pattern\":\"rm -rf\",\"action\":\"BLOCK\"}"));
    rules.add(
        rule(
            admin,
            "{\"name\":\"no-reset-"
                + RUN
                + "\",\"connection\":"
                + str(plain)
                + ",\"target\":\"PATH_GLOB\",\"pattern\":\"/v1/admin/reset\",\"action\":\"BLOCK\"}"));
  }

  private static String rule(AdminApi admin, String json) throws Exception {
    HttpResponse<String> created = admin.post("/api/v1/policies", json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.field(created.body(), "id");
  }

  @AfterAll
  static void stopBackend() throws Exception {
    AdminApi admin = AdminApi.admin(TestDomain.get());
    for (String id : rules) {
      admin.delete("/api/v1/policies/" + id);
    }
    backend.close();
  }

  @BeforeEach
  void forgetWhatTheBackendSaw() {
    backend.clear();
  }

  private HttpRequest.Builder to(String connection, String path) {
    return domain
        .request("/gw/" + connection + path)
        .header("Authorization", "Bearer " + callerToken);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = to(inspected, path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  private void assertRefusedUnseen(HttpResponse<String> refused, int status, String reason)
      throws Exception {
    String auditId = assertProblem(refused, status, reason);
    String record = domain.completedAuditRecord(auditId);
    assertThat(Json.field(record, "reason")).isEqualTo(reason);
    assertThat(backend.targets()).as("nothing reached the backend").isEmpty();
  }

  // 1. Deny rules skipped by re-encoding.

  @Test
  void aUtf16BodyWithoutATypeIsRefusedNotForwarded() throws Exception {
    // The reviewed attack: refused as UTF-8 JSON, forwarded (200) as UTF-16LE without a type.
    assertRefusedUnseen(
        post("/run", ATTACK.getBytes(StandardCharsets.UTF_16LE)), 415, "content_type_required");
    assertRefusedUnseen(
        post("/run", ATTACK.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"),
        403,
        "policy_blocked");
  }

  @Test
  void reEncodedBodiesUnderADeclaredTypeAreRefused() throws Exception {
    assertRefusedUnseen(
        post("/run", ATTACK.getBytes(StandardCharsets.UTF_16LE), "Content-Type", "text/plain"),
        415,
        "body_has_nul");
    assertRefusedUnseen(
        post("/run", ATTACK.getBytes(StandardCharsets.UTF_16), "Content-Type", "text/plain"),
        415,
        "body_has_bom");
    assertRefusedUnseen(
        post(
            "/run",
            ATTACK.getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json; charset=utf-16"),
        415,
        "unsupported_charset");
    assertRefusedUnseen(
        post(
            "/run",
            new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'},
            "Content-Type",
            "text/plain"),
        415,
        "body_not_utf8");
    assertRefusedUnseen(
        post(
            "/run",
            ATTACK.getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json",
            "Content-Encoding",
            "gzip"),
        415,
        "content_encoding_refused");
  }

  @Test
  void aBlockingPointerRuleThatCannotReadTheBodyBlocks() throws Exception {
    // Text the JSON_POINTER rule cannot parse, and nothing the BODY rule looks for.
    HttpResponse<String> refused =
        post("/run", "cmd: ls /".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/yaml");
    assertRefusedUnseen(refused, 403, "policy_blocked");
    assertThat(
            Json.field(
                domain.completedAuditRecord(Json.field(refused.body(), "auditId")), "ruleHits"))
        .contains("body:not-evaluated");
    HttpResponse<String> clean =
        post(
            "/run",
            "{\"cmd\":\"ls /\"}".getBytes(StandardCharsets.UTF_8),
            "Content-Type",
            "application/json");
    assertThat(clean.statusCode()).as(clean.body()).isEqualTo(200);
  }

  // 5. What cannot be masked does not pass silently; response headers are masked.

  @Test
  void aSecretInAResponseHeaderArrivesMasked() throws Exception {
    HttpResponse<String> response = send(to(plain, "/debug-header").build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-debug").orElseThrow())
        .doesNotContain(ScriptedBackend.AWS_KEY)
        .contains("[");
  }

  @Test
  void anUnmaskableBodyIsRefusedUnlessItsTypeIsAllowListed() throws Exception {
    HttpResponse<String> octet = send(to(plain, "/octet").build());
    String auditId = assertProblem(octet, 502, "response_unmaskable");
    assertThat(octet.body()).doesNotContain(ScriptedBackend.AWS_KEY);
    assertThat(domain.completedAuditRecord(auditId)).doesNotContain(ScriptedBackend.AWS_KEY);
    assertProblem(send(to(plain, "/two-types").build()), 502, "response_unmaskable");

    HttpResponse<String> yaml = send(to(plain, "/yaml").build());
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.body()).startsWith("aws_key: [").doesNotContain(ScriptedBackend.AWS_KEY);

    assertThat(send(to(plain, "/image").build()).statusCode()).isEqualTo(200);
  }

  // 6. The connection's own credential never reaches the caller.

  @Test
  void anEchoedConnectionCredentialArrivesMaskedOnTheWireAndInTheTranscript() throws Exception {
    HttpResponse<String> echoed = send(to(plain, "/echo").build());
    assertThat(echoed.statusCode()).isEqualTo(200);
    assertThat(backend.heads()).singleElement().asString().contains(CREDENTIAL);
    assertThat(echoed.body())
        .containsIgnoringCase("authorization: [CONNECTION_CREDENTIAL]")
        .doesNotContain(CREDENTIAL);
    String auditId = echoed.headers().firstValue("Gatehouse-Audit-Id").orElseThrow();
    assertThat(domain.completedAuditRecord(auditId))
        .contains("CONNECTION_CREDENTIAL")
        .doesNotContain(CREDENTIAL);
  }

  // 7. Path and method rules see what the backend will act on.

  @Test
  void pathRulesHoldForPathsLenientBackendsNormalise() throws Exception {
    for (String evasive :
        List.of("/v1/admin;x/reset", "/v1//admin/reset", "/v1/admin/reset/", "/v1/admin/reset")) {
      HttpResponse<String> refused = send(to(plain, evasive).POST(noBody()).build());
      assertThat(refused.statusCode()).as(evasive).isEqualTo(403);
      assertThat(Json.field(refused.body(), "reason")).isEqualTo("policy_blocked");
    }
    assertThat(backend.targets()).isEmpty();
    assertThat(send(to(plain, "/v1/admin/status").build()).statusCode()).isEqualTo(200);
  }

  @Test
  void methodOverridesAndConnectionNamedHeadersNeverReachTheBackend() throws Exception {
    HttpResponse<String> echoed =
        send(
            to(plain, "/echo")
                .header("X-HTTP-Method-Override", "DELETE")
                .header("X-HTTP-Method", "DELETE")
                .header("X-Method-Override", "DELETE")
                .POST(noBody())
                .build());
    assertThat(echoed.statusCode()).isEqualTo(200);
    assertThat(backend.heads().get(0).toLowerCase()).doesNotContain("method").startsWith("post ");

    RawHttps.Response raw =
        new RawHttps(domain)
            .send(
                "GET /gw/"
                    + plain
                    + "/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + callerToken
                    + "\r\nConnection: close, X-Secret-Hop\r\nX-Secret-Hop: planted\r\n\r\n");
    assertThat(raw.status()).isEqualTo(200);
    assertThat(backend.heads().get(1)).doesNotContainIgnoringCase("x-secret-hop");
  }

  // 8. Secrets in the request line are masked before they are stored.

  @Test
  void aKeyInThePathOrQueryIsMaskedInTheAuditRecord() throws Exception {
    HttpResponse<String> response =
        send(to(plain, "/v1/keys/" + OPENAI_KEY + "?q=" + OPENAI_KEY.replace("-", "%2D")).build());
    assertThat(response.statusCode()).isEqualTo(200);
    String record =
        domain.completedAuditRecord(
            response.headers().firstValue("Gatehouse-Audit-Id").orElseThrow());
    assertThat(Json.field(record, "path")).startsWith("/v1/keys/").doesNotContain("AbCdEf1234");
    assertThat(Json.field(record, "query")).doesNotContain("AbCdEf1234");
    // The request transcript's request line too (the response is the backend's own text).
    String request =
        record.substring(record.indexOf("\"request\":"), record.indexOf("\"response\":"));
    assertThat(request).contains("/v1/keys/[").doesNotContain("AbCdEf1234");
  }

  // 10. Headers in both directions.

  @Test
  void callerSuppliedForwardingHeadersAreReplacedByTheGatewaysOwn() throws Exception {
    HttpResponse<String> echoed =
        send(
            to(plain, "/echo")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Prefix", "/evil")
                .header("X-Real-IP", "203.0.113.66")
                .header("True-Client-IP", "203.0.113.66")
                .header("X-Original-URL", "/admin/reset")
                .build());
    assertThat(echoed.statusCode()).isEqualTo(200);
    String head = backend.heads().get(0);
    assertThat(head)
        .doesNotContain("evil.example")
        .doesNotContain("/evil")
        .doesNotContain("203.0.113.66")
        .doesNotContainIgnoringCase("x-original-url")
        .containsIgnoringCase("x-forwarded-prefix: /gw/" + plain)
        .containsIgnoringCase("x-real-ip: ");
    // HSTS is a response header: the listener's own setting, which Payara also puts among the
    // request's headers, is not something the caller sent, so neither the backend nor the
    // transcript gets it.
    assertThat(head).doesNotContainIgnoringCase("strict-transport-security");
    String record =
        domain.completedAuditRecord(
            echoed.headers().firstValue("Gatehouse-Audit-Id").orElseThrow());
    assertThat(record).doesNotContainIgnoringCase("strict-transport-security");
  }

  @Test
  void backendHeadersThatWouldActOnTheGatewaysOriginAreDropped() throws Exception {
    HttpResponse<String> response = send(to(plain, "/origin-headers").build());
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().allValues("set-cookie")).isEmpty();
    assertThat(response.headers().allValues("access-control-allow-origin")).isEmpty();
    assertThat(response.headers().allValues("access-control-allow-credentials")).isEmpty();
    assertThat(response.headers().allValues("gatehouse-approval-status")).isEmpty();
    assertThat(response.headers().allValues("strict-transport-security"))
        .noneMatch(v -> v.contains("max-age=0"));
    assertThat(response.headers().firstValue("x-kept")).contains("yes");
    // Jersey makes a relative Location absolute against the gateway's own address.
    assertThat(response.headers().firstValue("location").orElseThrow())
        .endsWith(domain.httpsPort() + "/gw/" + plain + "/v1/next?page=2");

    HttpResponse<String> internal = send(to(plain, "/internal-redirect").build());
    assertThat(internal.statusCode()).isEqualTo(302);
    assertThat(internal.headers().allValues("location")).isEmpty();
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }
}
