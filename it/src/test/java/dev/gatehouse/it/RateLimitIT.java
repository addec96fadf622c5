package dev.gatehouse.it;

import static dev.gatehouse.it.AdminApi.str;
import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rate limits set per connection through the admin API, against the real gateway and the demo
 * agent: request counts per caller and per connection, and requests in flight (held open by the
 * agent's slow endpoint). Windows are a day long, so a window boundary cannot fall inside a test.
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT {

  /** Names unique to this run, so the suite can run again against the same database. */
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private final TestDomain domain = TestDomain.get();
  private final AdminApi admin = AdminApi.admin(domain);
  private final String alice = domain.token("alice", "demo-users");
  private final String bob = domain.token("bob", "demo-users");
  private final String carol = domain.token("carol", "demo-users");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeEach
  void agentIsUp() {
    assertThat(domain.value("GATEHOUSE_DEMO_AGENT_URL")).isNotBlank();
  }

  private String create(String name, String limits) throws Exception {
    String spec =
        "{\"name\":"
            + str(name)
            + ",\"baseUrl\":"
            + str(domain.value("GATEHOUSE_DEMO_AGENT_URL"))
            + ",\"credentialKind\":\"BEARER\",\"secret\":"
            + str(domain.demoAgentCredential())
            + ",\"trustedCaPem\":"
            + str(TestDomain.read(Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CA"))))
            + ",\"allowedGroups\":[\"demo-users\"],\"rateLimitIntervalSeconds\":86400,"
            + limits
            + "}";
    HttpResponse<String> created = admin.post("/api/v1/connections", spec);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return created.body();
  }

  private HttpResponse<String> call(String token, String connection, String path) throws Exception {
    return domain
        .client()
        .send(
            domain
                .request("/gw/" + connection + path)
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> callAsync(
      String token, String connection, String path) {
    return domain
        .client()
        .sendAsync(
            domain
                .request("/gw/" + connection + path)
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Asserts a 429 with a sane Retry-After and a completed audit record of the refusal. */
  private void assertRateLimited(HttpResponse<String> response, String reason, long maxRetry)
      throws Exception {
    String auditId = assertProblem(response, 429, reason);
    long retryAfter = Long.parseLong(response.headers().firstValue("retry-after").orElseThrow());
    assertThat(retryAfter).isBetween(1L, maxRetry);
    assertThat(auditId).isNotBlank();
    String record = domain.completedAuditRecord(auditId);
    assertThat(Json.field(record, "decision")).isEqualTo("REFUSED");
    assertThat(Json.field(record, "reason")).isEqualTo(reason);
    assertThat(Json.number(record, "status")).isEqualTo(429);
  }

  @Test
  void refusesACallerOverTheirRequestsPerIntervalWhileOthersGoOn() throws Exception {
    String name = "rl-caller-" + RUN;
    create(name, "\"rateLimitCallerRequests\":2");

    assertThat(call(alice, name, "/test/echo").statusCode()).isEqualTo(200);
    assertThat(call(alice, name, "/test/echo").statusCode()).isEqualTo(200);
    HttpResponse<String> third = call(alice, name, "/test/echo");

    assertRateLimited(third, "caller_rate_limited", 86_400);
    String record = domain.completedAuditRecord(Json.field(third.body(), "auditId"));
    assertThat(record).contains("\"subject\":\"alice\"");
    // Another caller has their own allowance on the same connection.
    assertThat(call(bob, name, "/test/echo").statusCode()).isEqualTo(200);
    // Retrying early is refused again (and not counted: bob still has one left).
    assertRateLimited(call(alice, name, "/test/echo"), "caller_rate_limited", 86_400);
    assertThat(call(bob, name, "/test/echo").statusCode()).isEqualTo(200);
  }

  @Test
  void refusesEveryCallerOnceTheConnectionsRequestsPerIntervalAreSpent() throws Exception {
    String name = "rl-connection-" + RUN;
    create(name, "\"rateLimitConnectionRequests\":3");

    assertThat(call(alice, name, "/test/echo").statusCode()).isEqualTo(200);
    assertThat(call(bob, name, "/test/echo").statusCode()).isEqualTo(200);
    assertThat(call(alice, name, "/test/echo").statusCode()).isEqualTo(200);

    assertRateLimited(call(carol, name, "/test/echo"), "connection_rate_limited", 86_400);
    assertRateLimited(call(bob, name, "/test/echo"), "connection_rate_limited", 86_400);
  }

  @Test
  void refusesASecondConcurrentRequestOfTheSameCallerUntilTheFirstEnds() throws Exception {
    String name = "rl-concurrent-" + RUN;
    create(name, "\"rateLimitCallerConcurrent\":1");

    CompletableFuture<HttpResponse<String>> slow = callAsync(alice, name, "/test/slow?ms=6000");
    HttpResponse<String> second = awaitRefusal(alice, name, slow);

    assertRateLimited(second, "caller_concurrency_limited", 5);
    assertThat(call(bob, name, "/test/echo").statusCode()).isEqualTo(200);
    assertThat(slow.get().statusCode()).isEqualTo(200);
    // The slot is freed when the exchange ends, just after the caller read the last byte.
    assertThat(awaitAdmitted(alice, name).statusCode()).isEqualTo(200);
  }

  @Test
  void refusesOtherCallersWhileTheConnectionsConcurrentRequestsAreInFlight() throws Exception {
    String name = "rl-conn-concurrent-" + RUN;
    create(name, "\"rateLimitConnectionConcurrent\":1");

    CompletableFuture<HttpResponse<String>> slow = callAsync(alice, name, "/test/slow?ms=6000");
    HttpResponse<String> other = awaitRefusal(bob, name, slow);

    assertRateLimited(other, "connection_concurrency_limited", 5);
    assertThat(slow.get().statusCode()).isEqualTo(200);
    assertThat(awaitAdmitted(bob, name).statusCode()).isEqualTo(200);
  }

  /** Calls until admitted (for at most five seconds), returning the last answer. */
  private HttpResponse<String> awaitAdmitted(String token, String name) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    HttpResponse<String> response = call(token, name, "/test/echo");
    while (response.statusCode() == 429 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = call(token, name, "/test/echo");
    }
    return response;
  }

  /**
   * Sends quick requests while the slow one is in flight until one is refused; fails if the slow
   * one ends first. The slow one gets a head start: two requests that reach the limit at the same
   * instant may both be refused (never both admitted), which is not what this test is about.
   */
  private HttpResponse<String> awaitRefusal(
      String token, String name, CompletableFuture<HttpResponse<String>> slow) throws Exception {
    Thread.sleep(1500);
    assertThat(slow.isDone()).as("the slow request is in flight").isFalse();
    while (!slow.isDone()) {
      HttpResponse<String> quick = call(token, name, "/test/echo");
      if (quick.statusCode() == 429) {
        assertThat(slow.isDone()).as("the slow request was still in flight").isFalse();
        return quick;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "No request was refused while the slow one was in flight: " + slow.get().statusCode());
  }

  @Test
  void limitsAreShownExportedAndReimportedUnchanged() throws Exception {
    String name = "rl-export-" + RUN;
    String created =
        create(name, "\"rateLimitCallerRequests\":100,\"rateLimitConnectionConcurrent\":7");
    assertThat(created)
        .contains("\"callerRequests\":100")
        .contains("\"connectionConcurrent\":7")
        .contains("\"intervalSeconds\":86400");

    HttpResponse<String> export = admin.get("/api/v1/connections/export");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body())
        .contains("\"rateLimitCallerRequests\":100")
        .contains("\"rateLimitConnectionConcurrent\":7");

    HttpResponse<String> reimported = admin.post("/api/v1/connections/import", export.body());
    assertThat(reimported.statusCode()).as(reimported.body()).isEqualTo(200);
    assertThat(reimported.body()).doesNotContain("\"updated\":[\"" + name);

    HttpResponse<String> invalid =
        admin.post(
            "/api/v1/connections",
            "{\"name\":"
                + str(name + "-bad")
                + ",\"baseUrl\":\"https://agent.invalid\",\"rateLimitCallerRequests\":-1}");
    assertProblem(invalid, 400, "invalid_request");
    assertThat(invalid.body()).contains("rateLimitCallerRequests");
  }
}
