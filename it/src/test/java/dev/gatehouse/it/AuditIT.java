package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every request that reaches the data path leaves a record with both legs' TLS facts and masked
 * transcripts; the records form a hash chain that verifies over real (also concurrent) traffic;
 * search, cursor pagination and the JSON Lines export show them.
 */
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

    String record = domain.completedAuditRecord(auditId);

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

    String record = domain.completedAuditRecord(auditId);

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

  private HttpResponse<String> asAuditor(String pathAndQuery) throws Exception {
    return send(
        domain.request(pathAndQuery).header("Authorization", "Bearer " + auditorToken).build());
  }

  @Test
  void keepsMaskedTranscriptsOfBothDirectionsWithTheCredentialRedacted() throws Exception {
    String body =
        "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    HttpResponse<String> relayed =
        send(
            domain
                .request("/gw/demo/v1/chat/completions")
                .header("Authorization", "Bearer " + callerToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(relayed.statusCode()).as(relayed.body()).isEqualTo(200);
    String auditId = relayed.headers().firstValue("gatehouse-audit-id").orElseThrow();

    String record = domain.completedAuditRecord(auditId);

    String request = record.substring(record.indexOf("\"request\":{"));
    String response = record.substring(record.indexOf("\"response\":{"));
    assertThat(Json.field(request, "text"))
        .startsWith("POST /gw/demo/v1/chat/completions")
        .contains("authorization: [REDACTED]")
        .contains("demo-react-1");
    assertThat(record).doesNotContain(callerToken);
    assertThat(Json.number(request, "bodyBytes")).isEqualTo(body.length());
    assertThat(Json.field(response, "text")).startsWith("HTTP 200");
    assertThat(Json.number(response, "bodyBytes")).isEqualTo(relayed.body().length());
    assertThat(record).contains("\"truncated\":false");
    assertThat(Json.number(Json.object(record, "chain"), "seq")).isPositive();
  }

  @Test
  void chainVerifiesOverConcurrentTraffic() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      calls.add(
          domain
              .client()
              .sendAsync(
                  domain
                      .request("/gw/demo/v1/models?n=" + i)
                      .header("Authorization", "Bearer " + callerToken)
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> response = call.get();
      assertThat(response.statusCode()).isEqualTo(200);
      domain.completedAuditRecord(
          response.headers().firstValue("gatehouse-audit-id").orElseThrow());
    }

    HttpResponse<String> verified = asAuditor("/api/v1/audit/verify");

    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    assertThat(verified.body()).contains("\"ok\":true");
    assertThat(Json.number(verified.body(), "checked")).isGreaterThanOrEqualTo(24);
  }

  @Test
  void searchFiltersAndPagesNewestFirstWithAnOpaqueCursor() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r =
          send(
              domain
                  .request("/gw/demo/v1/models?search=" + i)
                  .header("Authorization", "Bearer " + callerToken)
                  .build());
      domain.completedAuditRecord(r.headers().firstValue("gatehouse-audit-id").orElseThrow());
    }

    HttpResponse<String> first =
        asAuditor(
            "/api/v1/audit?connection=demo&decision=ALLOWED&status=200&caller=bob&path=models&limit=2");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String cursor = first.headers().firstValue("gatehouse-next-cursor").orElseThrow();
    HttpResponse<String> second =
        asAuditor(
            "/api/v1/audit?connection=demo&decision=ALLOWED&status=200&caller=bob&path=models&limit=2&cursor="
                + cursor);
    HttpResponse<String> none =
        asAuditor("/api/v1/audit?connection=demo&decision=BLOCKED&path=models");
    HttpResponse<String> bad = asAuditor("/api/v1/audit?cursor=bm90LWEtY3Vyc29y");

    assertThat(first.body()).contains("\"query\":\"search=2\"").contains("\"query\":\"search=1\"");
    assertThat(first.body().indexOf("search=2")).isLessThan(first.body().indexOf("search=1"));
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).contains("\"query\":\"search=0\"").doesNotContain("search=1\"");
    assertThat(none.body()).isEqualTo("[]");
    assertProblem(bad, 400, "invalid_audit_query");
  }

  @Test
  void exportsChainedRecordsAsOcsfJsonLines() throws Exception {
    HttpResponse<String> r =
        send(
            domain
                .request("/gw/demo/v1/models?export=1")
                .header("Authorization", "Bearer " + callerToken)
                .build());
    String record =
        domain.completedAuditRecord(r.headers().firstValue("gatehouse-audit-id").orElseThrow());
    long seq = Json.number(Json.object(record, "chain"), "seq");

    HttpResponse<String> export =
        asAuditor("/api/v1/audit/export?fromSeq=" + seq + "&toSeq=" + seq);

    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("content-type").orElseThrow())
        .startsWith("application/jsonl");
    String[] lines = export.body().split("\n");
    assertThat(lines).hasSize(1);
    assertThat(Json.number(lines[0], "class_uid")).isEqualTo(6003);
    assertThat(Json.field(lines[0], "activity_name")).isEqualTo("Read");
    assertThat(Json.number(lines[0], "sequence")).isEqualTo(seq);
    assertThat(Json.field(lines[0], "query_string")).isEqualTo("export=1");
    assertThat(Json.field(lines[0], "name")).isEqualTo("bob");
  }
}
