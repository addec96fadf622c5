package dev.gatehouse.it;

import static dev.gatehouse.it.AdminApi.str;
import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ways around just-in-time approval, each sent through the gateway: a one-reviewer grant standing
 * in for a hold that needs two reviewers, a resend that keeps the approved request's body but
 * changes its headers, a reviewer reading held requests of a connection whose reviewer groups leave
 * them out. The backend of {@link #connection} is a {@link ScriptedBackend}, which records every
 * request that reaches it, so each case also proves what did not.
 */
@ExtendWith(ArquillianExtension.class)
class ApprovalBypassIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private static ScriptedBackend backend;

  /** Requires approval (one reviewer), backed by {@link #backend}. */
  private static String connection;

  private final TestDomain domain = TestDomain.get();
  private final String rita = domain.token("rita", "gatehouse-reviewer");
  private final String ravi = domain.token("ravi", "gatehouse-reviewer");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void startBackend() throws Exception {
    TestDomain domain = TestDomain.get();
    backend = ScriptedBackend.start(domain);
    connection = "bypass-" + RUN;
    TestConnections.register(domain, connection, backend.url(), "\"approvalRequired\":true");
  }

  @AfterAll
  static void stopBackend() throws Exception {
    backend.close();
  }

  @BeforeEach
  void forgetWhatTheBackendSaw() {
    backend.clear();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String prompt(String text) {
    return "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}]}";
  }

  /** A JSON POST through the gateway; {@code extra} are header name/value pairs. */
  private HttpRequest.Builder post(
      String token, String connectionName, String path, String body, String... extra) {
    HttpRequest.Builder b =
        domain
            .request("/gw/" + connectionName + path)
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < extra.length; i += 2) {
      b.header(extra[i], extra[i + 1]);
    }
    return b;
  }

  private HttpResponse<String> api(String token, String path) throws Exception {
    return send(domain.request(path).header("Authorization", "Bearer " + token).build());
  }

  private HttpResponse<String> decide(String token, String id, String verb) throws Exception {
    return send(
        domain
            .request("/api/v1/approvals/" + id + "/" + verb)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build());
  }

  private HttpResponse<String> grant(String token, String subject, String connectionName)
      throws Exception {
    return send(
        domain
            .request("/api/v1/approvals/grants")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"subject\":"
                        + str(subject)
                        + ",\"connection\":"
                        + str(connectionName)
                        + ",\"durationSeconds\":600,\"reason\":\"on call\"}"))
            .build());
  }

  private static String held(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return Json.field(response.body(), "approvalId");
  }

  // --- 3: a grant never stands in for a hold that needs several reviewers ---

  @Test
  void aOneReviewerGrantDoesNotReleaseARequestARuleHoldsForTwoReviewers() throws Exception {
    AdminApi admin = AdminApi.admin(domain);
    String marker = "two-person-" + RUN;
    HttpResponse<String> rule =
        admin.post(
            "/api/v1/policies",
            "{\"name\":"
                + str("bypass-two-person-" + RUN)
                + ",\"target\":\"BODY\",\"pattern\":\"transfer everything\","
                + "\"action\":\"REQUIRE_APPROVAL\",\"approvalsRequired\":2,\"connection\":"
                + str(connection)
                + "}");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    String subject = "gwen-" + RUN;
    String gwen = domain.token(subject, "demo-users");
    HttpResponse<String> granted = grant(rita, subject, connection);
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
    try {
      HttpResponse<String> routine =
          send(
              post(gwen, connection, "/routine-" + RUN, prompt("routine"))
                  .header("Content-Type", "application/json")
                  .build());
      assertThat(routine.statusCode())
          .as("the grant covers the connection's one-reviewer hold: " + routine.body())
          .isEqualTo(200);

      String body = prompt("transfer everything");
      HttpRequest.Builder twoPerson =
          post(gwen, connection, "/" + marker, body, "Content-Type", "application/json");
      String id = held(send(twoPerson.build()));
      assertThat(backend.targets()).doesNotContain("/" + marker);

      HttpResponse<String> first = decide(rita, id, "approve");
      assertThat(Json.field(first.body(), "status")).as(first.body()).isEqualTo("PENDING");
      assertThat(Json.number(first.body(), "approvalsRequired")).isEqualTo(2);
      assertProblem(
          send(twoPerson.copy().header("Gatehouse-Approval", id).build()), 409, "approval_pending");
      assertThat(backend.targets()).doesNotContain("/" + marker);

      HttpResponse<String> second = decide(ravi, id, "approve");
      assertThat(Json.field(second.body(), "status")).as(second.body()).isEqualTo("APPROVED");
      HttpResponse<String> released =
          send(twoPerson.copy().header("Gatehouse-Approval", id).build());
      assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
      assertThat(backend.targets()).containsOnlyOnce("/" + marker);
    } finally {
      admin.delete("/api/v1/policies/" + Json.field(rule.body(), "id"));
      send(
          domain
              .request(
                  "/api/v1/approvals/grants/"
                      + Json.field(granted.body(), "id")
                      + "/revoke?reason=done")
              .header("Authorization", "Bearer " + rita)
              .POST(HttpRequest.BodyPublishers.noBody())
              .build());
    }
  }

  @Test
  void aOneReviewerGrantDoesNotReleaseARequestItsConnectionHoldsForTwoReviewers() throws Exception {
    String subject = "gil-" + RUN;
    String gil = domain.token(subject, "demo-users");
    HttpResponse<String> granted = grant(rita, subject, TestConnections.APPROVAL_TWO);
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);

    HttpResponse<String> response =
        send(
            post(gil, TestConnections.APPROVAL_TWO, "/v1/chat/completions", prompt("wire it"))
                .header("Content-Type", "application/json")
                .build());

    String id = held(response);
    HttpResponse<String> status = api(gil, "/api/v1/approvals/" + id + "/status");
    assertThat(Json.number(status.body(), "approvalsRequired")).isEqualTo(2);
    assertThat(
            Json.number(
                api(rita, "/api/v1/approvals/grants/" + Json.field(granted.body(), "id")).body(),
                "uses"))
        .as("the grant was not used")
        .isZero();
  }

  // --- 4: the released request is the request that was approved, headers included ---

  @Test
  void aResendWithOtherHeadersIsRefusedAndTheApprovalStaysUsable() throws Exception {
    String subject = "hector-" + RUN;
    String hector = domain.token(subject, "demo-users");
    String marker = "bound-" + RUN;
    String body = prompt("rotate the keys");
    HttpRequest.Builder original =
        post(
            hector,
            connection,
            "/" + marker,
            body,
            "Content-Type",
            "application/json",
            "Mcp-Session-Id",
            "session-1");
    String id = held(send(original.build()));
    assertThat(decide(rita, id, "approve").statusCode()).isEqualTo(200);

    // (A method override would not count: the gateway strips it before any backend sees it.)
    HttpResponse<String> added =
        send(
            original
                .copy()
                .header("Gatehouse-Approval", id)
                .header("X-Tool-Mode", "destructive")
                .build());
    HttpResponse<String> otherType =
        send(
            post(
                    hector,
                    connection,
                    "/" + marker,
                    body,
                    "Content-Type",
                    "text/plain",
                    "Mcp-Session-Id",
                    "session-1",
                    "Gatehouse-Approval",
                    id)
                .build());
    HttpResponse<String> otherSession =
        send(
            post(
                    hector,
                    connection,
                    "/" + marker,
                    body,
                    "Content-Type",
                    "application/json",
                    "Mcp-Session-Id",
                    "session-2",
                    "Gatehouse-Approval",
                    id)
                .build());

    for (HttpResponse<String> refused : java.util.List.of(added, otherType, otherSession)) {
      String auditId = assertProblem(refused, 409, "approval_mismatch");
      assertThat(Json.field(refused.body(), "detail")).contains("headers");
      String record = domain.completedAuditRecord(auditId);
      assertThat(Json.field(record, "decision")).isEqualTo("REFUSED");
      assertThat(Json.field(record, "reason")).isEqualTo("approval_mismatch");
    }
    assertThat(backend.targets()).as("no altered resend reached the backend").isEmpty();
    HttpResponse<String> status = api(hector, "/api/v1/approvals/" + id + "/status");
    assertThat(Json.field(status.body(), "status")).isEqualTo("APPROVED");

    HttpResponse<String> exact = send(original.copy().header("Gatehouse-Approval", id).build());

    assertThat(exact.statusCode()).as(exact.body()).isEqualTo(200);
    assertThat(backend.targets()).containsExactly("/" + marker);
    assertThat(String.join("\n", backend.heads()).toLowerCase(java.util.Locale.ROOT))
        .contains("mcp-session-id: session-1")
        .doesNotContain("x-tool-mode");
    assertThat(Json.field(api(hector, "/api/v1/approvals/" + id + "/status").body(), "status"))
        .isEqualTo("USED");
  }

  // --- 9: reviewers read only what they may decide ---

  @Test
  void aReviewerOutsideTheReviewerGroupsNeitherListsNorReadsTheHeldRequest() throws Exception {
    String subject = "ivy-" + RUN;
    String ivy = domain.token(subject, "demo-users");
    String pat = domain.token("pat", "gatehouse-reviewer", TestConnections.PAYMENTS_REVIEWERS);
    String ada = domain.token("ada", "gatehouse-admin");
    String id =
        held(
            send(
                post(
                        ivy,
                        TestConnections.APPROVAL_REVIEWERS,
                        "/v1/chat/completions",
                        prompt("pay invoice 4711"),
                        "Content-Type",
                        "application/json")
                    .build()));
    String queue =
        "/api/v1/approvals?connection="
            + TestConnections.APPROVAL_REVIEWERS
            + "&requester="
            + subject;

    for (String outsider : java.util.List.of(rita, ada)) {
      HttpResponse<String> listed = api(outsider, queue);
      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
      assertThat(listed.body()).doesNotContain(id).doesNotContain("pay invoice");
      assertThat(api(outsider, "/api/v1/approvals?status=PENDING&limit=500").body())
          .doesNotContain(id);
      assertProblem(api(outsider, "/api/v1/approvals/" + id), 404, "unknown_approval");
      assertProblem(api(outsider, "/api/v1/approvals/" + id + "/votes"), 404, "unknown_approval");
      assertProblem(api(outsider, "/api/v1/approvals/" + id + "/status"), 404, "unknown_approval");
    }
    assertProblem(decide(ada, id, "approve"), 403, "reviewer_not_allowed");

    HttpResponse<String> listed = api(pat, queue);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains(id);
    HttpResponse<String> shown = api(pat, "/api/v1/approvals/" + id);
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    assertThat(shown.body()).contains("pay invoice 4711");
    assertThat(api(pat, "/api/v1/approvals/" + id + "/votes").statusCode()).isEqualTo(200);
    assertThat(api(ivy, "/api/v1/approvals/" + id + "/status").statusCode())
        .as("the requester still follows their own request")
        .isEqualTo(200);
  }
}
