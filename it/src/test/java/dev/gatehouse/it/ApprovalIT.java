package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Just-in-time approval with two identities: alice (demo-users) calls a connection that requires
 * approval, rita (gatehouse-reviewer) decides.
 */
@ExtendWith(ArquillianExtension.class)
class ApprovalIT {

  private static final String CHAT = "/v1/chat/completions";

  private final TestDomain domain = TestDomain.get();
  private final String alice = domain.token("alice", "demo-users");
  private final String rita = domain.token("rita", "gatehouse-reviewer");
  private final String auditor = domain.token("carol", "gatehouse-auditor");

  /** The webhook signing secret of this deployment. */
  private static final String WEBHOOK_SECRET = "it-webhook-secret-" + UUID.randomUUID();

  private static final String CONSOLE = "https://gatehouse.test/console";

  private final TestWebhookReceiver receiver = TestWebhookReceiver.start(domain);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    TestDomain domain = TestDomain.get();
    TestWebhookReceiver receiver = TestWebhookReceiver.start(domain);
    return GatewayDeployment.ear(
        Map.of(
            "gatehouse.approval.webhook-url",
            receiver.url(),
            "gatehouse.approval.webhook-secret",
            WEBHOOK_SECRET,
            "gatehouse.approval.webhook-ca-file",
            domain.home().resolve("demo-agent/ca.pem").toString(),
            "gatehouse.approval.webhook-backoff-seconds",
            "1",
            "gatehouse.approval.console-base-url",
            CONSOLE,
            "gatehouse.approval.max-wait-seconds",
            "30"));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String prompt(String text) {
    return "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}]}";
  }

  private HttpRequest chat(String token, String connection, String body, String approvalId) {
    HttpRequest.Builder b =
        domain
            .request("/gw/" + connection + CHAT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (approvalId != null) {
      b.header("Gatehouse-Approval", approvalId);
    }
    return b.build();
  }

  private String hold(String token, String connection, String body) throws Exception {
    HttpResponse<String> held = send(chat(token, connection, body, null));
    assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
    assertThat(Json.field(held.body(), "status")).isEqualTo("PENDING");
    assertThat(Json.field(held.body(), "expiresAt")).isNotBlank();
    String id = Json.field(held.body(), "approvalId");
    assertThat(Json.field(held.body(), "statusUrl"))
        .isEqualTo("/api/v1/approvals/" + id + "/status");
    return id;
  }

  private HttpResponse<String> api(String token, String path) throws Exception {
    return send(domain.request(path).header("Authorization", "Bearer " + token).build());
  }

  private HttpResponse<String> decide(String token, String id, String verb, String json)
      throws Exception {
    return send(
        domain
            .request("/api/v1/approvals/" + id + "/" + verb)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  @Test
  void holdsTheRequestUntilAReviewerApprovesThenReleasesItExactlyOnce() throws Exception {
    String body = prompt("Wire the quarterly budget");
    HttpResponse<String> held = send(chat(alice, TestConnections.APPROVAL, body, null));
    assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
    String id = Json.field(held.body(), "approvalId");
    String heldAudit = held.headers().firstValue("gatehouse-audit-id").orElseThrow();

    HttpResponse<String> status = api(alice, "/api/v1/approvals/" + id + "/status");
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    assertThat(Json.field(status.body(), "status")).isEqualTo("PENDING");

    HttpResponse<String> early = send(chat(alice, TestConnections.APPROVAL, body, id));
    assertProblem(early, 409, "approval_pending");

    HttpResponse<String> queue = api(rita, "/api/v1/approvals?status=PENDING&requester=alice");
    assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
    assertThat(queue.body()).contains(id);

    HttpResponse<String> shown = api(rita, "/api/v1/approvals/" + id);
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    assertThat(shown.body())
        .contains("Wire the quarterly budget")
        .doesNotContain(alice)
        .doesNotContain("authorization");
    assertThat(Json.field(shown.body(), "requester")).isEqualTo("alice");

    HttpResponse<String> approved = decide(rita, id, "approve", "{}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(Json.field(approved.body(), "status")).isEqualTo("APPROVED");
    assertThat(Json.field(approved.body(), "decidedBy")).isEqualTo("rita");

    HttpResponse<String> released = send(chat(alice, TestConnections.APPROVAL, body, id));
    assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    assertThat(released.body()).contains("chat.completion").contains("Wire the quarterly budget");
    String releasedAudit = released.headers().firstValue("gatehouse-audit-id").orElseThrow();

    assertProblem(
        send(chat(alice, TestConnections.APPROVAL, body, id)), 409, "approval_already_used");

    String heldRecord = domain.completedAuditRecord(heldAudit);
    assertThat(Json.field(heldRecord, "decision")).isEqualTo("PENDING");
    assertThat(Json.number(heldRecord, "status")).isEqualTo(202);
    assertThat(Json.field(domain.completedAuditRecord(releasedAudit), "decision"))
        .isEqualTo("RELEASED");
    HttpResponse<String> after = api(alice, "/api/v1/approvals/" + id + "/status");
    assertThat(Json.field(after.body(), "status")).isEqualTo("USED");
    assertThat(Json.field(after.body(), "heldAuditId")).isEqualTo(heldAudit);
    assertThat(Json.field(after.body(), "releasedAuditId")).isEqualTo(releasedAudit);
  }

  @Test
  void refusesAResendThatDiffersFromTheHeldRequestOrComesFromAnotherCaller() throws Exception {
    String id = hold(alice, TestConnections.APPROVAL, prompt("original"));
    assertThat(decide(rita, id, "approve", "{}").statusCode()).isEqualTo(200);
    String bob = domain.token("bob", "demo-users");

    HttpResponse<String> altered =
        send(chat(alice, TestConnections.APPROVAL, prompt("something else"), id));
    HttpResponse<String> stolen = send(chat(bob, TestConnections.APPROVAL, prompt("original"), id));
    HttpResponse<String> peek = api(bob, "/api/v1/approvals/" + id + "/status");

    assertProblem(altered, 409, "approval_mismatch");
    assertThat(Json.field(altered.body(), "detail")).contains("body");
    assertProblem(stolen, 403, "approval_not_yours");
    assertThat(peek.statusCode()).isEqualTo(404);
    assertThat(send(chat(alice, TestConnections.APPROVAL, prompt("original"), id)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusesSelfApprovalAndCallersWithoutTheReviewerRole() throws Exception {
    String sam = domain.token("sam", "demo-users", "gatehouse-reviewer");
    String id = hold(sam, TestConnections.APPROVAL, prompt("approve me myself"));

    assertProblem(decide(sam, id, "approve", "{}"), 403, "self_approval");
    assertProblem(decide(alice, id, "approve", "{}"), 403, "role_required");
    HttpResponse<String> still = api(rita, "/api/v1/approvals/" + id);
    assertThat(Json.field(still.body(), "status")).isEqualTo("PENDING");
  }

  @Test
  void aDenialNeedsAReasonAndRefusesTheResend() throws Exception {
    String body = prompt("drop the table");
    String id = hold(alice, TestConnections.APPROVAL, body);

    assertProblem(decide(rita, id, "deny", "{}"), 400, "reason_required");
    HttpResponse<String> denied = decide(rita, id, "deny", "{\"reason\":\"Destructive\"}");
    assertThat(denied.statusCode()).as(denied.body()).isEqualTo(200);
    assertThat(Json.field(denied.body(), "status")).isEqualTo("DENIED");
    assertThat(Json.field(denied.body(), "decisionReason")).isEqualTo("Destructive");
    assertThat(Json.field(denied.body(), "decidedBy")).isEqualTo("rita");

    assertProblem(send(chat(alice, TestConnections.APPROVAL, body, id)), 403, "approval_denied");
    assertProblem(decide(rita, id, "approve", "{}"), 409, "approval_not_pending");
  }

  @Test
  void anUndecidedRequestExpiresOnTime() throws Exception {
    String body = prompt("expire me");
    String id = hold(alice, TestConnections.APPROVAL_SHORT, body);

    Thread.sleep(2500);

    assertProblem(
        send(chat(alice, TestConnections.APPROVAL_SHORT, body, id)), 410, "approval_expired");
    assertProblem(decide(rita, id, "approve", "{}"), 410, "approval_expired");
    HttpResponse<String> status = api(alice, "/api/v1/approvals/" + id + "/status");
    assertThat(Json.field(status.body(), "status")).isEqualTo("EXPIRED");
  }

  @Test
  void theExpirySweepWritesTheExpiredState() throws Exception {
    String id = hold(alice, TestConnections.APPROVAL_SHORT, prompt("sweep me"));

    String listed = null;
    for (int attempt = 0; attempt < 40; attempt++) {
      listed = api(rita, "/api/v1/approvals?status=EXPIRED&connection=approval-short").body();
      if (listed.contains(id)) {
        break;
      }
      Thread.sleep(250);
    }

    assertThat(listed).contains(id);
  }

  @Test
  void twoConcurrentResendsForwardExactlyOnce() throws Exception {
    String body = prompt("only once");
    String id = hold(alice, TestConnections.APPROVAL, body);
    assertThat(decide(rita, id, "approve", "{}").statusCode()).isEqualTo(200);

    CompletableFuture<HttpResponse<String>> first =
        domain
            .client()
            .sendAsync(
                chat(alice, TestConnections.APPROVAL, body, id),
                HttpResponse.BodyHandlers.ofString());
    CompletableFuture<HttpResponse<String>> second =
        domain
            .client()
            .sendAsync(
                chat(alice, TestConnections.APPROVAL, body, id),
                HttpResponse.BodyHandlers.ofString());
    List<HttpResponse<String>> both = List.of(first.get(), second.get());

    assertThat(both.stream().map(HttpResponse::statusCode).sorted().toList())
        .as(both.get(0).body() + " / " + both.get(1).body())
        .containsExactly(200, 409);
    HttpResponse<String> loser = both.stream().filter(r -> r.statusCode() == 409).findFirst().get();
    assertProblem(loser, 409, "approval_already_used");
  }

  @Test
  void aConnectionWithoutTheFlagForwardsAtOnce() throws Exception {
    HttpResponse<String> direct = send(chat(alice, "demo", prompt("no approval needed"), null));

    assertThat(direct.statusCode()).as(direct.body()).isEqualTo(200);
  }

  // --- several reviewers, reviewer groups, revocation ---

  @Test
  void aConnectionNeedingTwoApprovalsNeedsTwoDistinctReviewers() throws Exception {
    String body = prompt("needs two");
    String id = hold(alice, TestConnections.APPROVAL_TWO, body);
    String ravi = domain.token("ravi", "gatehouse-reviewer");

    HttpResponse<String> first = decide(rita, id, "approve", "{}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(Json.field(first.body(), "status")).isEqualTo("PENDING");
    assertThat(Json.number(first.body(), "approvalsGiven")).isEqualTo(1);
    assertProblem(
        send(chat(alice, TestConnections.APPROVAL_TWO, body, id)), 409, "approval_pending");
    assertProblem(decide(rita, id, "approve", "{}"), 409, "already_voted");

    HttpResponse<String> second = decide(ravi, id, "approve", "{}");
    assertThat(Json.field(second.body(), "status")).isEqualTo("APPROVED");
    assertThat(Json.field(second.body(), "decidedBy")).isEqualTo("ravi");
    HttpResponse<String> votes = api(rita, "/api/v1/approvals/" + id + "/votes");
    assertThat(votes.body()).contains("\"reviewer\":\"rita\"").contains("\"reviewer\":\"ravi\"");
    assertThat(send(chat(alice, TestConnections.APPROVAL_TWO, body, id)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aRuleMayRequireMoreReviewersThanItsConnection() throws Exception {
    AdminApi admin = AdminApi.admin(domain);
    HttpResponse<String> rule =
        admin.post(
            "/api/v1/policies",
            "{\"name\":\"two-person-wire\",\"target\":\"BODY\",\"pattern\":\"wire everything\","
                + "\"action\":\"REQUIRE_APPROVAL\",\"approvalsRequired\":2,\"connection\":\"demo\"}");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    assertThat(Json.number(rule.body(), "approvalsRequired")).isEqualTo(2);
    try {
      String id = hold(alice, "demo", prompt("wire everything now"));
      String ravi = domain.token("ravi", "gatehouse-reviewer");

      HttpResponse<String> first = decide(rita, id, "approve", "{}");
      assertThat(Json.number(first.body(), "approvalsRequired")).isEqualTo(2);
      assertThat(Json.field(first.body(), "status")).isEqualTo("PENDING");
      assertThat(Json.field(decide(ravi, id, "approve", "{}").body(), "status"))
          .isEqualTo("APPROVED");
    } finally {
      admin.delete("/api/v1/policies/" + Json.field(rule.body(), "id"));
    }
  }

  @Test
  void onlyTheConnectionsReviewerGroupsMayDecide() throws Exception {
    String id = hold(alice, TestConnections.APPROVAL_REVIEWERS, prompt("pay the invoice"));
    String pat = domain.token("pat", "gatehouse-reviewer", TestConnections.PAYMENTS_REVIEWERS);

    assertProblem(decide(rita, id, "approve", "{}"), 403, "reviewer_not_allowed");
    HttpResponse<String> approved = decide(pat, id, "approve", "{}");

    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(Json.field(approved.body(), "decidedBy")).isEqualTo("pat");
  }

  @Test
  void aRevokedApprovalIsRefused() throws Exception {
    String body = prompt("changed my mind");
    String id = hold(alice, TestConnections.APPROVAL, body);
    assertThat(decide(rita, id, "approve", "{}").statusCode()).isEqualTo(200);

    HttpResponse<String> revoked = decide(rita, id, "revoke", "{}");

    assertThat(Json.field(revoked.body(), "status")).as(revoked.body()).isEqualTo("REVOKED");
    assertProblem(send(chat(alice, TestConnections.APPROVAL, body, id)), 403, "approval_revoked");
  }

  @Test
  void everyDecisionIsAnAdminEventNamingTheReviewer() throws Exception {
    String id = hold(alice, TestConnections.APPROVAL, prompt("audit my decision"));
    decide(rita, id, "deny", "{\"reason\":\"Not today\"}");

    HttpResponse<String> events = api(auditor, "/api/v1/admin-events?limit=100");

    assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
    String event = eventAbout(events.body(), id);
    assertThat(Json.field(event, "actor")).isEqualTo("rita");
    assertThat(Json.field(event, "action")).isEqualTo("DENY");
    assertThat(Json.field(event, "targetKind")).isEqualTo("APPROVAL");
    assertThat(event)
        .contains("\"decisionReason\":\"Not today\"")
        .contains("\"status\":\"DENIED\"");
  }

  /** The top-level object of the admin-events list whose targetName is {@code id}. */
  private static String eventAbout(String list, String id) {
    int depth = 0;
    int start = -1;
    boolean inString = false;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' && depth++ == 0) {
        start = i;
      } else if (c == '}' && --depth == 0) {
        String event = list.substring(start, i + 1);
        if (event.contains("\"targetName\":\"" + id + "\"")) {
          return event;
        }
      }
    }
    throw new AssertionError("no admin event about " + id + " in " + list);
  }

  // --- time-boxed grants ---

  private HttpResponse<String> grant(String token, String subject, String connection, int seconds)
      throws Exception {
    return send(
        domain
            .request("/api/v1/approvals/grants")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"subject\":\""
                        + subject
                        + "\",\"connection\":\""
                        + connection
                        + "\",\"durationSeconds\":"
                        + seconds
                        + ",\"reason\":\"incident 42\"}"))
            .build());
  }

  private HttpResponse<String> revokeGrant(String token, String grantId) throws Exception {
    return send(
        domain
            .request("/api/v1/approvals/grants/" + grantId + "/revoke?reason=done")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build());
  }

  @Test
  void aGrantLetsSeveralRequestsThroughUntilItIsRevoked() throws Exception {
    String gina = domain.token("gina", "demo-users");
    HttpResponse<String> created = grant(rita, "gina", TestConnections.APPROVAL, 1800);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String grantId = Json.field(created.body(), "id");
    assertThat(Json.field(created.body(), "status")).isEqualTo("ACTIVE");
    assertThat(created.headers().firstValue("location").orElseThrow())
        .endsWith("/api/v1/approvals/grants/" + grantId);

    HttpResponse<String> one = send(chat(gina, TestConnections.APPROVAL, prompt("first"), null));
    HttpResponse<String> two = send(chat(gina, TestConnections.APPROVAL, prompt("second"), null));
    HttpResponse<String> other = send(chat(alice, TestConnections.APPROVAL, prompt("mine"), null));

    assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
    assertThat(two.statusCode()).as(two.body()).isEqualTo(200);
    assertThat(other.statusCode()).as("a grant is for its subject only").isEqualTo(202);
    String record =
        domain.completedAuditRecord(two.headers().firstValue("gatehouse-audit-id").orElseThrow());
    assertThat(Json.field(record, "decision")).isEqualTo("RELEASED");
    assertThat(Json.field(record, "reason")).isEqualTo("grant:" + grantId);
    assertThat(Json.number(api(rita, "/api/v1/approvals/grants/" + grantId).body(), "uses"))
        .isEqualTo(2);

    HttpResponse<String> revoked = revokeGrant(rita, grantId);
    assertThat(Json.field(revoked.body(), "status")).as(revoked.body()).isEqualTo("REVOKED");
    assertThat(Json.field(revoked.body(), "revokedBy")).isEqualTo("rita");

    HttpResponse<String> after = send(chat(gina, TestConnections.APPROVAL, prompt("third"), null));
    assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
    assertProblem(revokeGrant(rita, grantId), 409, "grant_not_active");
    String events = api(auditor, "/api/v1/admin-events?limit=100").body();
    assertThat(Json.field(eventAbout(events, grantId), "actor")).isEqualTo("rita");
    assertThat(events).contains("\"action\":\"GRANT\"").contains("\"action\":\"REVOKE_GRANT\"");
  }

  @Test
  void aGrantEndsWithItsWindow() throws Exception {
    String gus = domain.token("gus", "demo-users");
    String grantId = Json.field(grant(rita, "gus", TestConnections.APPROVAL, 2).body(), "id");

    HttpResponse<String> during = send(chat(gus, TestConnections.APPROVAL, prompt("now"), null));
    Thread.sleep(2500);
    HttpResponse<String> after = send(chat(gus, TestConnections.APPROVAL, prompt("later"), null));

    assertThat(during.statusCode()).as(during.body()).isEqualTo(200);
    assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
    String listed = null;
    for (int attempt = 0; attempt < 40; attempt++) {
      listed = api(rita, "/api/v1/approvals/grants?status=EXPIRED&subject=gus").body();
      if (listed.contains(grantId)) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(listed).contains(grantId);
  }

  @Test
  void grantsFollowTheReviewerRules() throws Exception {
    assertProblem(grant(rita, "rita", TestConnections.APPROVAL, 60), 403, "self_approval");
    assertProblem(grant(alice, "bob", TestConnections.APPROVAL, 60), 403, "role_required");
    assertProblem(grant(rita, "bob", "no-such-connection", 60), 400, "invalid_grant");
    assertProblem(grant(rita, "bob", TestConnections.APPROVAL, 0), 400, "invalid_grant");
    assertProblem(
        grant(rita, "bob", TestConnections.APPROVAL_REVIEWERS, 60), 403, "reviewer_not_allowed");
  }

  // --- Prefer: wait ---

  private CompletableFuture<HttpResponse<String>> sendWaiting(
      String token, String connection, String body, int seconds) {
    return domain
        .client()
        .sendAsync(
            domain
                .request("/gw/" + connection + CHAT)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Prefer", "wait=" + seconds)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The id of {@code subject}'s only pending approval on the connection, once it is listed. */
  private String pendingOf(String subject, String connection) throws Exception {
    for (int attempt = 0; attempt < 100; attempt++) {
      String listed =
          api(
                  rita,
                  "/api/v1/approvals?status=PENDING&requester="
                      + subject
                      + "&connection="
                      + connection)
              .body();
      String id = Json.field(listed, "id");
      if (id != null) {
        return id;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no pending approval of " + subject);
  }

  @Test
  void preferWaitReturnsTheBackendsAnswerWhenAReviewerApprovesDuringTheWait() throws Exception {
    String wendy = domain.token("wendy", "demo-users");
    Instant start = Instant.now();
    CompletableFuture<HttpResponse<String>> waiting =
        sendWaiting(wendy, TestConnections.APPROVAL, prompt("worth the wait"), 25);

    String id = pendingOf("wendy", TestConnections.APPROVAL);
    Thread.sleep(500);
    assertThat(waiting).as("still waiting for a reviewer").isNotDone();
    HttpResponse<String> approved = decide(rita, id, "approve", "{}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    HttpResponse<String> answer = waiting.get();

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("chat.completion").contains("worth the wait");
    assertThat(answer.headers().firstValue("preference-applied")).hasValue("wait=25");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
    HttpResponse<String> status = api(wendy, "/api/v1/approvals/" + id + "/status");
    assertThat(Json.field(status.body(), "status")).isEqualTo("USED");
    String record =
        domain.completedAuditRecord(
            answer.headers().firstValue("gatehouse-audit-id").orElseThrow());
    assertThat(Json.field(record, "decision")).isEqualTo("RELEASED");
    assertThat(Json.field(record, "reason")).isEqualTo("approval:" + id);
    assertProblem(
        send(chat(wendy, TestConnections.APPROVAL, prompt("worth the wait"), id)),
        409,
        "approval_already_used");
  }

  @Test
  void preferWaitAnswersTheDenialWhenAReviewerDeniesDuringTheWait() throws Exception {
    String dora = domain.token("dora", "demo-users");
    CompletableFuture<HttpResponse<String>> waiting =
        sendWaiting(dora, TestConnections.APPROVAL, prompt("please"), 25);

    String id = pendingOf("dora", TestConnections.APPROVAL);
    decide(rita, id, "deny", "{\"reason\":\"No\"}");

    assertProblem(waiting.get(), 403, "approval_denied");
  }

  @Test
  void preferWaitAnswers202WhenNobodyDecidesInTime() throws Exception {
    String tim = domain.token("tim", "demo-users");
    Instant start = Instant.now();

    HttpResponse<String> answer =
        sendWaiting(tim, TestConnections.APPROVAL, prompt("nobody home"), 2).get();

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(answer.headers().firstValue("preference-applied")).hasValue("wait=2");
    assertThat(Json.field(answer.body(), "status")).isEqualTo("PENDING");
    assertThat(Duration.between(start, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  // --- webhooks ---

  private static void assertSigned(TestWebhookReceiver.Delivery delivery) throws Exception {
    String header = delivery.header("gatehouse-signature");
    assertThat(header).as("signature header").matches("t=\\d+,v1=[0-9a-f]{64}");
    String t = header.substring(2, header.indexOf(','));
    String v1 = header.substring(header.indexOf("v1=") + 3);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(mac.doFinal((t + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
    assertThat(v1).isEqualTo(expected);
    assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t))).isLessThan(300);
  }

  @Test
  void webhooksAnnounceNewAndDecidedApprovalsSigned() throws Exception {
    String id = hold(alice, TestConnections.APPROVAL, prompt("announce me"));

    TestWebhookReceiver.Delivery requested = receiver.await(id, "approval.requested");
    assertSigned(requested);
    assertThat(Json.field(requested.body(), "text"))
        .contains("alice")
        .contains(TestConnections.APPROVAL)
        .contains(CONSOLE + "/approvals/" + id);
    assertThat(Json.field(requested.body(), "consoleUrl")).isEqualTo(CONSOLE + "/approvals/" + id);
    assertThat(requested.body()).doesNotContain("announce me");
    assertThat(requested.header("gatehouse-event")).isEqualTo("approval.requested");

    decide(rita, id, "approve", "{}");
    TestWebhookReceiver.Delivery approved = receiver.await(id, "approval.approved");
    assertSigned(approved);
    assertThat(Json.field(approved.body(), "text")).contains("rita approved");
  }

  @Test
  void aFailingWebhookIsRetriedWithBackOffAndItsFailuresAreRecorded() throws Exception {
    String flaky = domain.token("flaky-requester", "demo-users");
    receiver.failNext("flaky-requester", 2);

    HttpResponse<String> held =
        send(chat(flaky, TestConnections.APPROVAL, prompt("retry me"), null));
    assertThat(held.statusCode()).as("the data path is not held up").isEqualTo(202);
    String id = Json.field(held.body(), "approvalId");

    String failing = null;
    for (int attempt = 0; attempt < 100 && failing == null; attempt++) {
      String listed = api(auditor, "/api/v1/approvals/notifications?about=" + id).body();
      if (listed.contains("\"lastStatus\":500")) {
        failing = listed;
      }
      Thread.sleep(100);
    }
    assertThat(failing).as("a recorded failure").isNotNull();
    assertThat(failing).contains("receiver answered 500").contains("\"status\":\"PENDING\"");

    TestWebhookReceiver.Delivery delivered = receiver.await(id, "approval.requested");
    assertSigned(delivered);
    String listed = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      listed = api(auditor, "/api/v1/approvals/notifications?about=" + id).body();
      if (listed.contains("DELIVERED")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(listed).contains("\"status\":\"DELIVERED\"").contains("\"attempts\":3");
  }
}
