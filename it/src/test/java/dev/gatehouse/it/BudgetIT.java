package dev.gatehouse.it;

import static dev.gatehouse.it.AdminApi.str;
import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budgets per caller on connections of their own to the demo agent, with the official MCP Java SDK
 * client: two tool calls per window, the third refused as the call's JSON-RPC error; one tool call
 * per session, a new session starting afresh; a token budget on an OpenAI connection that refuses
 * the request after the one that spent it; and a small limit that cuts {@code read_config}'s
 * answer. Windows are 30 days long, so that no test straddles two of them.
 */
@ExtendWith(ArquillianExtension.class)
class BudgetIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final String CALLS = "budget-calls-" + RUN;
  private static final String SESSION = "budget-session-" + RUN;
  private static final String TOKENS = "budget-tokens-" + RUN;
  private static final String RESULT = "budget-result-" + RUN;
  private static final String WINDOW = "\"budgetWindowSeconds\":2592000";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TestDomain domain = TestDomain.get();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void connections() throws Exception {
    TestDomain domain = TestDomain.get();
    String agent = domain.value("GATEHOUSE_DEMO_AGENT_URL");
    String secret =
        TestDomain.read(Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CREDENTIAL_FILE"))).strip();
    String credential = "\"credentialKind\":\"BEARER\",\"secret\":" + str(secret);
    TestConnections.register(
        domain,
        CALLS,
        agent,
        credential + ",\"protocol\":\"mcp\",\"budgetToolCallsPerWindow\":2," + WINDOW);
    TestConnections.register(
        domain,
        SESSION,
        agent,
        credential + ",\"protocol\":\"mcp\",\"budgetToolCallsPerSession\":1");
    TestConnections.register(
        domain,
        TOKENS,
        agent,
        credential + ",\"protocol\":\"openai\",\"budgetTokensPerWindow\":1," + WINDOW);
    TestConnections.register(
        domain,
        RESULT,
        agent,
        credential + ",\"protocol\":\"mcp\",\"budgetMaxToolResultBytes\":64");
  }

  @Test
  void twoToolCallsPerWindowThenTheThirdIsRefusedAsTheCallsError() throws Exception {
    try (McpSyncClient client = client(CALLS, domain.token("bea-" + RUN, "demo-users"))) {
      client.initialize();
      CallToolRequest sum = new CallToolRequest("calculator", Map.of("a", 19, "b", 23));
      assertThat(text(client.callTool(sum))).contains("42");
      assertThat(text(client.callTool(sum))).contains("42");

      JsonNode data = refusal(client, sum);
      assertThat(data.path("reason").asString()).isEqualTo("tool_call_budget_exceeded");
      assertThat(data.path("budget").asString()).isEqualTo("window");
      assertThat(data.path("status").asInt()).isEqualTo(429);
      assertThat(Long.parseLong(data.path("retryAfterSeconds").asString()))
          .isBetween(1L, 2_592_000L);
      String record = domain.completedAuditRecord(data.path("auditId").asString());
      assertThat(Json.field(record, "decision")).isEqualTo("REFUSED");
      assertThat(Json.field(record, "reason")).isEqualTo("tool_call_budget_exceeded");
      assertThat(Json.number(record, "status")).isEqualTo(429);
      assertThat(Json.object(record, "upstreamTls"))
          .as("the backend was never contacted")
          .doesNotContain("TLSv1");
    }
    // Another caller has a budget of their own.
    try (McpSyncClient client = client(CALLS, domain.token("ben-" + RUN, "demo-users"))) {
      client.initialize();
      assertThat(text(client.callTool(new CallToolRequest("calculator", Map.of("a", 1, "b", 2)))))
          .contains("3");
    }
  }

  @Test
  void oneToolCallPerSessionAndANewSessionStartsAfresh() throws Exception {
    String token = domain.token("sam-" + RUN, "demo-users");
    CallToolRequest sum = new CallToolRequest("calculator", Map.of("a", 2, "b", 2));
    try (McpSyncClient client = client(SESSION, token)) {
      client.initialize();
      assertThat(text(client.callTool(sum))).contains("4");
      JsonNode data = refusal(client, sum);
      assertThat(data.path("reason").asString()).isEqualTo("tool_call_budget_exceeded");
      assertThat(data.path("budget").asString()).isEqualTo("session");
    }
    try (McpSyncClient client = client(SESSION, token)) {
      client.initialize();
      assertThat(text(client.callTool(sum))).contains("4");
    }
  }

  @Test
  void aSpentTokenBudgetRefusesTheNextRequestNotTheOneThatSpentIt() throws Exception {
    String token = domain.token("tia-" + RUN, "demo-users");
    HttpResponse<String> first = chat(token);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).contains("\"usage\"");

    HttpResponse<String> second = chat(token);
    String auditId = assertProblem(second, 429, "token_budget_exceeded");
    assertThat(Long.parseLong(second.headers().firstValue("retry-after").orElseThrow()))
        .isBetween(1L, 2_592_000L);
    String record = domain.completedAuditRecord(auditId);
    assertThat(Json.field(record, "decision")).isEqualTo("REFUSED");
    assertThat(Json.field(record, "reason")).isEqualTo("token_budget_exceeded");

    // Another caller has not spent anything.
    assertThat(chat(domain.token("tom-" + RUN, "demo-users")).statusCode()).isEqualTo(200);
  }

  @Test
  void aToolAnswerLongerThanTheLimitIsCutWithTheCallsError() throws Exception {
    try (McpSyncClient client = client(RESULT, domain.token("rex-" + RUN, "demo-users"))) {
      client.initialize();
      JsonNode data = refusal(client, new CallToolRequest("read_config", Map.of()));
      assertThat(data.path("reason").asString()).isEqualTo("tool_result_too_large");
      String record = domain.completedAuditRecord(data.path("auditId").asString());
      assertThat(Json.field(record, "decision")).isEqualTo("BLOCKED");
      assertThat(Json.field(record, "reason")).isEqualTo("tool_result_too_large");
    }
  }

  @Test
  void budgetsShowInTheConnectionAndTravelInItsExport() throws Exception {
    AdminApi admin = AdminApi.admin(domain);
    HttpResponse<String> view = admin.get("/api/v1/connections/" + CALLS);
    assertThat(Json.object(view.body(), "budgets"))
        .contains("\"toolCallsPerWindow\":2")
        .contains("\"windowSeconds\":2592000");
    HttpResponse<String> exported = admin.get("/api/v1/connections/export");
    assertThat(exported.body()).contains("\"budgetMaxToolResultBytes\":64");

    HttpResponse<String> reimported = admin.post("/api/v1/connections/import", exported.body());
    assertThat(reimported.statusCode()).as(reimported.body()).isEqualTo(200);
    assertThat(JSON.readTree(reimported.body()).path("unchanged").toString()).contains(RESULT);
  }

  private HttpResponse<String> chat(String token) throws Exception {
    return domain
        .client()
        .send(
            domain
                .request("/gw/" + TOKENS + "/v1/chat/completions")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"demo-react-1\",\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"What is the weather?\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode refusal(McpSyncClient client, CallToolRequest call) {
    McpError error = catchThrowableOfType(McpError.class, () -> client.callTool(call));
    assertThat(error).as("the call is refused").isNotNull();
    return JSON.valueToTree(error.getJsonRpcError().data());
  }

  private static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  private McpSyncClient client(String connection, String token) {
    return McpClients.through(domain, "/gw/" + connection + "/mcp", token);
  }
}
