package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backend that fails on purpose ({@link ScriptedBackend}): it refuses the connection, drops it
 * without a word, resets it in the middle of the body, or answers something that is not HTTP. The
 * caller gets a 502 problem document with a precise reason — or, once the backend's headers have
 * been relayed, a response that visibly breaks off rather than one that looks complete — and the
 * audit record says ERROR with the reason.
 */
@ExtendWith(ArquillianExtension.class)
class UpstreamFaultsIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private static ScriptedBackend backend;
  private static String faulty;
  private static String refusing;

  private final TestDomain domain = TestDomain.get();
  private final String token = domain.token("fiona", "demo-users");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void startBackend() throws Exception {
    TestDomain domain = TestDomain.get();
    backend = ScriptedBackend.start(domain);
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    faulty = register(domain, "faulty-" + RUN, backend.url());
    refusing = register(domain, "refusing-" + RUN, "https://localhost:" + closedPort);
  }

  private static String register(TestDomain domain, String name, String baseUrl) throws Exception {
    TestConnections.register(domain, name, baseUrl, "");
    return name;
  }

  @AfterAll
  static void stopBackend() throws Exception {
    backend.close();
  }

  private HttpResponse<String> call(String connection, String path) throws Exception {
    return domain
        .client()
        .send(
            domain
                .request("/gw/" + connection + path)
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private String assertErrorRecord(String auditId, String reason) throws Exception {
    String record = domain.completedAuditRecord(auditId);
    assertThat(record)
        .contains("\"decision\":\"ERROR\"")
        .contains("\"reason\":\"" + reason + "\"")
        .contains("\"subject\":\"fiona\"");
    return record;
  }

  @Test
  void aBackendThatRefusesTheConnectionIs502Unreachable() throws Exception {
    HttpResponse<String> response = call(refusing, "/anything");

    String auditId = assertProblem(response, 502, "upstream_unreachable");
    assertErrorRecord(auditId, "upstream_unreachable");
  }

  @Test
  void aBackendThatDropsTheConnectionIs502Failed() throws Exception {
    HttpResponse<String> response = call(faulty, "/drop");

    String auditId = assertProblem(response, 502, "upstream_failed");
    assertErrorRecord(auditId, "upstream_failed");
  }

  @Test
  void aBackendThatAnswersSomethingOtherThanHttpIs502ProtocolError() throws Exception {
    HttpResponse<String> response = call(faulty, "/malformed");

    String auditId = assertProblem(response, 502, "upstream_protocol_error");
    assertErrorRecord(auditId, "upstream_protocol_error");
  }

  @Test
  void aBackendThatResetsMidBodyBreaksTheCallersResponseOffAndIsRecordedAsPartial()
      throws Exception {
    HttpResponse<InputStream> response =
        domain
            .client()
            .send(
                domain
                    .request("/gw/" + faulty + "/reset")
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());

    // The headers were relayed before the backend failed: the status is the backend's, and the
    // body must end in an error, never look complete.
    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(
            () -> {
              try (InputStream body = response.body()) {
                body.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class);
    String auditId = response.headers().firstValue("gatehouse-audit-id").orElseThrow();
    String record = assertErrorRecord(auditId, "relay_interrupted");
    assertThat(Json.number(record, "bytesOut"))
        .isBetween(1L, (long) ScriptedBackend.RESET_AFTER_BYTES);
  }

  @Test
  void aBackendThatResetsBeforeAnythingWasRelayedIs502Failed() throws Exception {
    HttpResponse<String> response = call(faulty, "/reset-early");

    String auditId = assertProblem(response, 502, "upstream_failed");
    assertErrorRecord(auditId, "upstream_failed");
  }

  @Test
  void theGatewayServesOrdinaryRequestsAfterTheFaults() throws Exception {
    HttpResponse<String> response = call(faulty, "/fine");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("backend saw /fine body=0");
  }
}
