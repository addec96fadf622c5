package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A pending approval survives a restart of the server — {@code gatehouse restart}, which is {@code
 * asadmin restart-domain} — with its deadline, and expires on time after it. Its own class (and
 * deployment), because it restarts the domain the other classes share.
 */
@ExtendWith(ArquillianExtension.class)
class ApprovalRestartIT {

  private final TestDomain domain = TestDomain.get();
  private final String alice = domain.token("alice", "demo-users");
  private final String rita = domain.token("rita", "gatehouse-reviewer");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest chat(String connection, String approvalId) {
    HttpRequest.Builder b =
        domain
            .request("/gw/" + connection + "/v1/chat/completions")
            .header("Authorization", "Bearer " + alice)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"survive the restart\"}]}"));
    if (approvalId != null) {
      b.header("Gatehouse-Approval", approvalId);
    }
    return b.build();
  }

  private HttpResponse<String> status(String id) throws Exception {
    return send(
        domain
            .request("/api/v1/approvals/" + id + "/status")
            .header("Authorization", "Bearer " + alice)
            .build());
  }

  /** Runs {@code server-config/gatehouse restart} on the test domain's home. */
  private void restartDomain() throws Exception {
    Path script = TestDomain.gatehouseScript();
    Process process =
        new ProcessBuilder("bash", script.toString(), "restart", "--home", domain.home().toString())
            .redirectErrorStream(true)
            .redirectOutput(domain.home().resolve("logs/it-restart.log").toFile())
            .start();
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("restart finished").isTrue();
    assertThat(process.exitValue())
        .as("gatehouse restart exit code (logs/it-restart.log)")
        .isZero();
  }

  private String hold(String connection) throws Exception {
    HttpResponse<String> held = send(chat(connection, null));
    assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
    return Json.field(held.body(), "approvalId");
  }

  private Instant expiresAt(String id) throws Exception {
    HttpResponse<String> status = status(id);
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    return Instant.parse(Json.field(status.body(), "expiresAt"));
  }

  /**
   * Two pending approvals: one whose deadline is far off (it must come back pending with the same
   * deadline) and one whose deadline falls around the restart, however long the restart takes on a
   * busy machine (it must be expired right after its deadline, by the check and by the sweep).
   */
  @Test
  void aPendingApprovalSurvivesARestartAndExpiresOnTime() throws Exception {
    String longId = hold(TestConnections.APPROVAL_RESTART);
    String shortId = hold(TestConnections.APPROVAL_RESTART_SHORT);
    Instant longExpiry = expiresAt(longId);
    Instant shortExpiry = expiresAt(shortId);
    assertThat(Json.field(status(shortId).body(), "status")).isEqualTo("PENDING");

    restartDomain();

    HttpResponse<String> after = status(longId);
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    assertThat(Json.field(after.body(), "status")).isEqualTo("PENDING");
    assertThat(expiresAt(longId)).isEqualTo(longExpiry);
    assertThat(expiresAt(shortId)).as("the deadline survived the restart").isEqualTo(shortExpiry);

    sleepUntil(shortExpiry.plusSeconds(1));
    assertProblem(
        send(chat(TestConnections.APPROVAL_RESTART_SHORT, shortId)), 410, "approval_expired");
    String listed = null;
    for (int attempt = 0; attempt < 60; attempt++) {
      listed =
          send(domain
                  .request(
                      "/api/v1/approvals?status=EXPIRED&connection="
                          + TestConnections.APPROVAL_RESTART_SHORT)
                  .header("Authorization", "Bearer " + rita)
                  .build())
              .body();
      if (listed.contains(shortId)) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(listed).as("the sweep wrote the expiry after the restart").contains(shortId);
    assertThat(Json.field(status(longId).body(), "status")).isEqualTo("PENDING");
  }

  private static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
