package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
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
}
