package dev.gatehouse.it;

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
 * A connection's {@code protocol} setting decides how its requests are read, proven against a
 * recording backend ({@link ScriptedBackend}): on {@code mcp} and {@code openai} connections
 * nothing that does not parse as that protocol is forwarded, whatever its path; on {@code auto} a
 * JSON-RPC body is read as MCP on any path; on {@code http} nothing is read and bytes pass as
 * before.
 */
@ExtendWith(ArquillianExtension.class)
class AgentProtocolIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final String BROKEN_RPC = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":";

  /** Well-formed JSON, but not JSON-RPC 2.0: the wrong version and a number for a method. */
  private static final String INVALID_RPC = "{\"jsonrpc\":\"1.0\",\"id\":8,\"method\":5}";

  private static final String TOOL_CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
          + "\"params\":{\"name\":\"lookup\",\"arguments\":{\"q\":\"x\"}}}";

  private static ScriptedBackend backend;
  private static String mcp;
  private static String openai;
  private static String auto;
  private static String http;

  private final TestDomain domain = TestDomain.get();
  private final String callerToken = domain.token("dora", "demo-users");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void startBackendAndConnections() throws Exception {
    TestDomain domain = TestDomain.get();
    backend = ScriptedBackend.start(domain);
    mcp = "proto-mcp-" + RUN;
    openai = "proto-openai-" + RUN;
    auto = "proto-auto-" + RUN;
    http = "proto-http-" + RUN;
    TestConnections.register(domain, mcp, backend.url(), "\"protocol\":\"mcp\"");
    TestConnections.register(domain, openai, backend.url(), "\"protocol\":\"openai\"");
    TestConnections.register(domain, auto, backend.url(), "");
    TestConnections.register(domain, http, backend.url(), "\"protocol\":\"http\"");
  }

  @AfterAll
  static void stopBackend() throws Exception {
    backend.close();
  }

  @BeforeEach
  void forgetWhatTheBackendSaw() {
    backend.clear();
  }

  private HttpResponse<String> post(String connection, String path, String body, String type)
      throws Exception {
    HttpRequest request =
        domain
            .request("/gw/" + connection + path)
            .header("Authorization", "Bearer " + callerToken)
            .header("Content-Type", type)
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anMcpConnectionForwardsNothingThatIsNotMcpWhateverThePath() throws Exception {
    HttpResponse<String> refused = post(mcp, "/rpc", BROKEN_RPC, "application/json");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Json.field(refused.body(), "jsonrpc")).isEqualTo("2.0");
    assertThat(refused.body()).contains("-32700").contains("\"reason\":\"mcp_parse_error\"");
    String auditId = Json.field(refused.body(), "auditId");
    assertThat(Json.field(domain.completedAuditRecord(auditId), "reason"))
        .isEqualTo("mcp_parse_error");

    HttpResponse<String> put =
        domain
            .client()
            .send(
                domain
                    .request("/gw/" + mcp + "/rpc")
                    .header("Authorization", "Bearer " + callerToken)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(TOOL_CALL))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertProblem(put, 400, "mcp_method_not_allowed");
    assertThat(backend.targets()).as("nothing reached the backend").isEmpty();

    HttpResponse<String> call = post(mcp, "/rpc", TOOL_CALL, "application/json");
    assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
    assertThat(backend.targets()).containsExactly("/rpc");
    String record =
        domain.completedAuditRecord(call.headers().firstValue("Gatehouse-Audit-Id").get());
    assertThat(record).contains("\"protocol\":\"MCP\"").contains("lookup");
  }

  @Test
  void aToolCallThatNamesItsToolTwiceIsRefusedNotGuessed() throws Exception {
    // A tree reader keeps the last name, some servers the first: judged as lookup, run as drop.
    String twice =
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"drop_table\",\"name\":\"lookup\",\"arguments\":{}}}";
    HttpResponse<String> refused = post(mcp, "/rpc", twice, "application/json");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("-32600").contains("\"reason\":\"mcp_invalid_request\"");
    String auditId = Json.field(refused.body(), "auditId");
    assertThat(Json.field(domain.completedAuditRecord(auditId), "reason"))
        .isEqualTo("mcp_invalid_request");

    String offeredTwice =
        "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
            + "\"drop_table\",\"n\\u0061me\":\"lookup\"}}]}";
    assertProblem(
        post(openai, "/v1/chat/completions", offeredTwice, "application/json"),
        400,
        "openai_invalid_request");
    assertThat(backend.targets()).as("nothing reached the backend").isEmpty();
  }

  @Test
  void anOpenAiConnectionForwardsNothingThatIsNotOneJsonObject() throws Exception {
    assertProblem(post(openai, "/upload", "name=a&file=b", "text/plain"), 400, "invalid_json");
    assertProblem(
        post(openai, "/v1/anything", "[1,2]", "application/json"), 400, "openai_invalid_request");
    assertThat(backend.targets()).as("nothing reached the backend").isEmpty();

    HttpResponse<String> ok =
        post(openai, "/v1/anything", "{\"model\":\"m-" + RUN + "\"}", "application/json");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    String record =
        domain.completedAuditRecord(ok.headers().firstValue("Gatehouse-Audit-Id").get());
    assertThat(record).contains("\"protocol\":\"OPENAI\"").contains("m-" + RUN);
  }

  @Test
  void anAutoConnectionReadsAJsonRpcBodyAsMcpOnAnyPath() throws Exception {
    HttpResponse<String> refused = post(auto, "/rpc", INVALID_RPC, "application/json");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("-32600").contains("\"reason\":\"mcp_invalid_request\"");
    assertThat(backend.targets()).isEmpty();

    HttpResponse<String> plainJson = post(auto, "/rpc", "{\"a\":1}", "application/json");
    assertThat(plainJson.statusCode())
        .as("JSON that is not JSON-RPC is plain HTTP: " + plainJson.body())
        .isEqualTo(200);
  }

  @Test
  void anHttpConnectionReadsNothingAndRelaysBytes() throws Exception {
    HttpResponse<String> relayed = post(http, "/mcp", INVALID_RPC, "application/json");
    assertThat(relayed.statusCode()).as(relayed.body()).isEqualTo(200);
    assertThat(relayed.body()).startsWith("backend saw /mcp");
    String record =
        domain.completedAuditRecord(relayed.headers().firstValue("Gatehouse-Audit-Id").get());
    assertThat(record).doesNotContain("\"protocol\":\"mcp\"");
  }
}
