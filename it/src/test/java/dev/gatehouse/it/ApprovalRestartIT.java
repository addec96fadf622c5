package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
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
 * asadmin restart-domain} — with its deadline, and expires on time after it: still pending just
 * before the deadline, 410 just after. Its own class (and deployment), because it restarts the
 * domain the other classes share; the connection's pending TTL is longer than a restart takes.
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

  private HttpRequest chat(String approvalId) {
    HttpRequest.Builder b =
        domain
            .request("/gw/" + TestConnections.APPROVAL_RESTART + "/v1/chat/completions")
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
    Path repo = new File(System.getProperty("gatehouse.ear")).toPath().toAbsolutePath();
    Path script = repo.getParent().getParent().getParent().resolve("server-config/gatehouse");
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

  @Test
  void aPendingApprovalSurvivesARestartAndExpiresOnTime() throws Exception {
    HttpResponse<String> held = send(chat(null));
    assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
    String id = Json.field(held.body(), "approvalId");
    Instant expiresAt = Instant.parse(Json.field(held.body(), "expiresAt"));

    restartDomain();

    HttpResponse<String> after = status(id);
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    assertThat(Json.field(after.body(), "status")).isEqualTo("PENDING");
    assertThat(Instant.parse(Json.field(after.body(), "expiresAt"))).isEqualTo(expiresAt);

    sleepUntil(expiresAt.minusSeconds(3));
    assertThat(Json.field(status(id).body(), "status"))
        .as("not expired early")
        .isEqualTo("PENDING");

    sleepUntil(expiresAt.plusSeconds(1));
    assertProblem(send(chat(id)), 410, "approval_expired");
    String listed = null;
    for (int attempt = 0; attempt < 60; attempt++) {
      listed =
          send(domain
                  .request(
                      "/api/v1/approvals?status=EXPIRED&connection="
                          + TestConnections.APPROVAL_RESTART)
                  .header("Authorization", "Bearer " + rita)
                  .build())
              .body();
      if (listed.contains(id)) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(listed).as("the sweep wrote the expiry after the restart").contains(id);
  }

  private static void sleepUntil(Instant when) throws InterruptedException {
    long millis = Duration.between(Instant.now(), when).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
