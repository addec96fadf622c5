package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The proxy path end to end: caller → hardened listener → Gatehouse → verified TLS → backend. */
@ExtendWith(ArquillianExtension.class)
class ProxyIT {

  private final TestDomain domain = TestDomain.get();
  private final String callerToken = domain.token("alice", "demo-users");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder asAlice(String path) {
    return domain.request(path).header("Authorization", "Bearer " + callerToken);
  }

  @Test
  void relaysAChatCompletionToTheDemoAgent() throws Exception {
    HttpResponse<String> response =
        send(
            asAlice("/gw/demo/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello gateway\"}]}"))
                .build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("chat.completion").contains("Hello gateway");
    assertThat(response.headers().firstValue("gatehouse-audit-id")).isPresent();
  }

  @Test
  void streamsServerSentEventsAsTheBackendProducesThem() throws Exception {
    HttpResponse<InputStream> response =
        domain
            .client()
            .send(
                asAlice("/gw/demo/test/sse?events=6&delayMs=250").build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));

    List<Long> arrivals = new ArrayList<>();
    List<String> events = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("data:")) {
          arrivals.add(System.nanoTime());
          events.add(line);
        }
      }
    }

    assertThat(events).hasSize(7).last().asString().contains("[DONE]");
    long spreadMillis = (arrivals.get(5) - arrivals.get(0)) / 1_000_000;
    // Six events 250 ms apart: relayed one by one they arrive over >1 s, buffered they arrive at
    // once.
    assertThat(spreadMillis).isGreaterThan(900);
  }

  @Test
  void replacesTheCallersTokenWithTheConnectionCredential() throws Exception {
    HttpResponse<String> response = send(asAlice("/gw/demo/test/echo").build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.field(response.body(), "authorizationCheck")).isEqualTo("matches-credential");
    assertThat(response.body())
        .doesNotContain(callerToken)
        .doesNotContain(domain.demoAgentCredential());
  }

  @Test
  void forwardsMethodPathQueryAndBodyAsSent() throws Exception {
    HttpResponse<String> response =
        send(
            asAlice("/gw/demo/test/echo/a/b%20c?x=1&y=%2Fz")
                .header("X-Custom", "kept")
                .method("PUT", HttpRequest.BodyPublishers.ofString("payload-123"))
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.field(response.body(), "method")).isEqualTo("PUT");
    assertThat(Json.field(response.body(), "path")).isEqualTo("/test/echo/a/b%20c");
    assertThat(Json.field(response.body(), "query")).isEqualTo("x=1&y=%2Fz");
    assertThat(Json.field(response.body(), "body")).isEqualTo("payload-123");
    assertThat(response.body()).contains("x-custom");
  }

  @Test
  void passesBackendStatusesAndRedirectsThroughWithoutFollowing() throws Exception {
    HttpResponse<String> teapot = send(asAlice("/gw/demo/test/status/418").build());
    HttpResponse<String> redirect = send(asAlice("/gw/demo/test/status/302").build());

    assertThat(teapot.statusCode()).isEqualTo(418);
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("location"))
        .hasValue("https://example.invalid/elsewhere");
  }

  @Test
  void refusesAnUnknownConnectionWith404() throws Exception {
    String auditId =
        assertProblem(
            send(asAlice("/gw/no-such-backend/v1/models").build()), 404, "unknown_connection");
    assertThat(auditId).isNotBlank();
  }

  @Test
  void answers502WhenTheBackendIsUnreachable() throws Exception {
    assertProblem(
        send(asAlice("/gw/" + TestConnections.UNREACHABLE + "/v1/models").build()),
        502,
        "upstream_unreachable");
  }

  @Test
  void answers504WhenTheBackendIsSlowerThanTheConnectionTimeout() throws Exception {
    assertProblem(
        send(asAlice("/gw/" + TestConnections.SLOW + "/test/slow?ms=3000").build()),
        504,
        "upstream_timeout");
  }

  @Test
  void answers502WhenTheBackendCertificateIsNotTrustedByTheConnection() throws Exception {
    assertProblem(
        send(asAlice("/gw/" + TestConnections.UNTRUSTED + "/v1/models").build()),
        502,
        "upstream_tls_untrusted");
  }

  @Test
  void refusesABodyOverTheConnectionLimitWith413() throws Exception {
    assertProblem(
        send(
            asAlice("/gw/" + TestConnections.SMALL_BODY + "/test/echo")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100)))
                .build()),
        413,
        "request_too_large");
  }

  @Test
  void refusesPathsThatLeaveTheConnectionAndNeverForwardsThem() throws Exception {
    assertProblem(
        send(asAlice("/gw/demo/test/echo/%2e%2e/%2e%2e/secret-area").build()), 400, "invalid_path");
    assertProblem(
        send(asAlice("/gw/demo/test/%252e%252e/secret-area").build()), 400, "invalid_path");

    HttpResponse<String> received = send(asAlice("/gw/demo/test/received").build());
    assertThat(received.body()).doesNotContain("secret-area");
  }
}
