package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every request that reaches the data path leaves a record with both legs' TLS facts. */
@ExtendWith(ArquillianExtension.class)
class AuditIT {

  private final TestDomain domain = TestDomain.get();
  private final String callerToken = domain.token("bob", "demo-users");
  private final String auditorToken = domain.token("carol", "gatehouse-auditor");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String completedRecord(String auditId) throws Exception {
    String record = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      HttpResponse<String> response =
          send(
              domain
                  .request("/api/v1/audit/" + auditId)
                  .header("Authorization", "Bearer " + auditorToken)
                  .build());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      record = response.body();
      if (!"STARTED".equals(Json.field(record, "decision"))) {
        return record;
      }
      Thread.sleep(100);
    }
    return record;
  }

  @Test
  void recordsWhoWhatAndBothTlsLegsOfARelayedRequest() throws Exception {
    HttpResponse<String> relayed =
        send(
            domain
                .request("/gw/demo/v1/models?page=1")
                .header("Authorization", "Bearer " + callerToken)
                .build());
    assertThat(relayed.statusCode()).isEqualTo(200);
    String auditId = relayed.headers().firstValue("gatehouse-audit-id").orElseThrow();

    String record = completedRecord(auditId);

    assertThat(Json.field(record, "decision")).isEqualTo("ALLOWED");
    assertThat(Json.number(record, "status")).isEqualTo(200);
    assertThat(Json.field(record, "connection")).isEqualTo("demo");
    assertThat(Json.field(record, "method")).isEqualTo("GET");
    assertThat(Json.field(record, "path")).isEqualTo("/v1/models");
    assertThat(Json.field(record, "query")).isEqualTo("page=1");
    assertThat(Json.number(record, "bytesOut")).isPositive();
    assertThat(Json.field(record, "endedAt")).isNotBlank();
    String inbound = Json.object(record, "inboundTls");
    String upstream = Json.object(record, "upstreamTls");
    assertThat(Json.field(inbound, "protocol")).isEqualTo("TLSv1.3");
    assertThat(Json.field(inbound, "cipherSuite")).startsWith("TLS_");
    assertThat(Json.field(upstream, "protocol")).isEqualTo("TLSv1.3");
    assertThat(Json.field(upstream, "cipherSuite")).startsWith("TLS_");
  }

  @Test
  void recordsRefusalsWithTheirReason() throws Exception {
    String auditId =
        assertProblem(
            send(
                domain
                    .request("/gw/not-registered/x")
                    .header("Authorization", "Bearer " + callerToken)
                    .build()),
            404,
            "unknown_connection");

    String record = completedRecord(auditId);

    assertThat(Json.field(record, "decision")).isEqualTo("REFUSED");
    assertThat(Json.field(record, "reason")).isEqualTo("unknown_connection");
    assertThat(Json.number(record, "status")).isEqualTo(404);
    assertThat(Json.field(Json.object(record, "inboundTls"), "protocol")).isEqualTo("TLSv1.3");
  }

  @Test
  void auditTrailIsOnlyForAuditorsAndAdmins() throws Exception {
    HttpResponse<String> anonymous = send(domain.request("/api/v1/audit").build());
    HttpResponse<String> caller =
        send(
            domain
                .request("/api/v1/audit")
                .header("Authorization", "Bearer " + callerToken)
                .build());
    HttpResponse<String> auditor =
        send(
            domain
                .request("/api/v1/audit?limit=5")
                .header("Authorization", "Bearer " + auditorToken)
                .build());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(caller.statusCode()).isEqualTo(403);
    assertThat(auditor.statusCode()).isEqualTo(200);
    assertThat(auditor.body()).startsWith("[");
  }
}
