package dev.gatehouse.it;

import static dev.gatehouse.it.AdminApi.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool rules with the official MCP Java SDK client through the gateway, on a connection of its own
 * to the demo agent's MCP server: {@code delete_records} is denied to {@code demo-users} — not
 * listed, and refused before the backend is contacted; {@code calculator} is held for a reviewer —
 * the identical call repeated after approval runs exactly once, and a call with other arguments is
 * held again.
 */
@ExtendWith(ArquillianExtension.class)
class ToolPolicyIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final String CONNECTION = "tools-" + RUN;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> rules = new ArrayList<>();

  private final TestDomain domain = TestDomain.get();
  private final String rita = domain.token("rita", "gatehouse-reviewer");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void connectionAndRules() throws Exception {
    TestDomain domain = TestDomain.get();
    String secret =
        TestDomain.read(Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CREDENTIAL_FILE"))).strip();
    TestConnections.register(
        domain,
        CONNECTION,
        domain.value("GATEHOUSE_DEMO_AGENT_URL"),
        "\"credentialKind\":\"BEARER\",\"secret\":" + str(secret) + ",\"protocol\":\"mcp\"");
    AdminApi admin = AdminApi.admin(domain);
    rules.add(
        rule(
            admin,
            "{\"name\":\"no-deletes-"
                + RUN
                + "\",\"connection\":"
                + str(CONNECTION)
                + ",\"target\":\"TOOL\",\"selector\":\"delete_*\",\"action\":\"BLOCK\","
                + "\"callerGroups\":[\"demo-users\"],\"message\":\"Deleting is not for agents.\"}"));
    rules.add(
        rule(
            admin,
            "{\"name\":\"hold-sums-"
                + RUN
                + "\",\"connection\":"
                + str(CONNECTION)
                + ",\"target\":\"TOOL\",\"selector\":\"calc*\",\"action\":\"REQUIRE_APPROVAL\"}"));
  }

  private static String rule(AdminApi admin, String json) throws Exception {
    HttpResponse<String> created = admin.post("/api/v1/policies", json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.field(created.body(), "id");
  }

  @AfterAll
  static void removeRules() throws Exception {
    AdminApi admin = AdminApi.admin(TestDomain.get());
    for (String id : rules) {
      admin.delete("/api/v1/policies/" + id);
    }
  }

  @Test
  void aDeniedToolIsNotListedAndItsCallNeverLeavesTheGateway() throws Exception {
    try (McpSyncClient client = client(domain.token("dina-" + RUN, "demo-users"))) {
      client.initialize();
      List<Tool> tools = client.listTools().tools();
      assertThat(tools).extracting(Tool::name).contains("calculator", "read_config");
      assertThat(tools).extracting(Tool::name).doesNotContain("delete_records");

      // A client that knows the name calls it anyway.
      McpError refused =
          catchThrowableOfType(
              McpError.class,
              () ->
                  client.callTool(
                      new CallToolRequest(
                          "delete_records", Map.of("table", "users", "ids", List.of("1")))));
      assertThat(refused).isNotNull();
      assertThat(refused.getMessage()).contains("Deleting is not for agents.");
      JsonNode data = JSON.valueToTree(refused.getJsonRpcError().data());
      assertThat(data.path("reason").asString()).isEqualTo("tool_denied");
      String record = domain.completedAuditRecord(data.path("auditId").asString());
      assertThat(Json.field(record, "decision")).isEqualTo("BLOCKED");
      assertThat(Json.field(record, "reason")).isEqualTo("tool_denied");
      assertThat(Json.object(record, "upstreamTls"))
          .as("the backend was never contacted")
          .doesNotContain("TLSv1");
      assertThat(record).contains("delete_records");
    }
    // A caller outside demo-users is not named by the rule: the tool is listed for an admin group
    // member who may use the connection too.
  }

  @Test
  void aHeldCallRunsOnceAfterApprovalAndOtherArgumentsAreHeldAgain() throws Exception {
    try (McpSyncClient client = client(domain.token("hank-" + RUN, "demo-users"))) {
      client.initialize();
      CallToolRequest sum = new CallToolRequest("calculator", Map.of("a", 19, "b", 23));

      JsonNode held = pending(client, sum);
      String approvalId = held.path("approvalId").asString();
      assertThat(held.path("statusUrl").asString())
          .endsWith("/approvals/" + approvalId + "/status");
      String heldRecord = domain.completedAuditRecord(held.path("auditId").asString());
      assertThat(Json.field(heldRecord, "decision")).isEqualTo("PENDING");

      // Repeated before a decision: pointed at the same approval, not held twice.
      assertThat(pending(client, sum).path("approvalId").asString()).isEqualTo(approvalId);

      HttpResponse<String> approval = approvals("/" + approvalId, "GET", null);
      assertThat(approval.body())
          .contains("\"tool\":\"calculator\"")
          .contains("\"argumentsSha256\":\"" + McpIT.sha256("{\"a\":19,\"b\":23}") + "\"");
      assertThat(approvals("/" + approvalId + "/approve", "POST", "{}").statusCode())
          .isEqualTo(200);

      // The identical call — a new JSON-RPC id, the same tool and arguments — runs once.
      CallToolResult result = client.callTool(sum);
      assertThat(((TextContent) result.content().get(0)).text()).contains("42");
      assertThat(approvals("/" + approvalId, "GET", null).body()).contains("\"status\":\"USED\"");

      // Used up: the same call again waits for a new approval.
      assertThat(pending(client, sum).path("approvalId").asString()).isNotEqualTo(approvalId);
      // Other arguments are another call.
      JsonNode other = pending(client, new CallToolRequest("calculator", Map.of("a", 1, "b", 2)));
      assertThat(other.path("approvalId").asString()).isNotEqualTo(approvalId);
    }
  }

  @Test
  void toolRulesTravelInThePolicyExportAndAnImportOfItChangesNothing() throws Exception {
    AdminApi admin = AdminApi.admin(domain);
    HttpResponse<String> exported = admin.get("/api/v1/policies/export");
    assertThat(exported.statusCode()).isEqualTo(200);
    JsonNode document = JSON.readTree(exported.body());
    JsonNode denial = null;
    for (JsonNode rule : document.path("policies")) {
      if (rule.path("name").asString().equals("no-deletes-" + RUN)) {
        denial = rule;
      }
    }
    assertThat(denial).as(exported.body()).isNotNull();
    assertThat(denial.path("target").asString()).isEqualTo("TOOL");
    assertThat(denial.path("callerGroups").toString()).isEqualTo("[\"demo-users\"]");
    assertThat(denial.has("id")).isFalse();

    HttpResponse<String> reimported = admin.post("/api/v1/policies/import", exported.body());
    assertThat(reimported.statusCode()).as(reimported.body()).isEqualTo(200);
    assertThat(JSON.readTree(reimported.body()).path("unchanged").toString())
        .contains("no-deletes-" + RUN);
    assertThat(JSON.readTree(reimported.body()).path("created").size()).isZero();
    assertThat(JSON.readTree(reimported.body()).path("updated").size()).isZero();

    // All or nothing: an ALLOW on a path rule refuses the whole document, naming its place.
    HttpResponse<String> refused =
        admin.post(
            "/api/v1/policies/import",
            "{\"policies\":[{\"name\":\"fine-"
                + RUN
                + "\",\"target\":\"TOOL\",\"selector\":\"x\",\"action\":\"WARN\"},"
                + "{\"name\":\"bad-"
                + RUN
                + "\",\"target\":\"PATH_GLOB\",\"pattern\":\"/x\",\"action\":\"ALLOW\"}]}");
    Problems.assertProblem(refused, 400, "invalid_policy");
    assertThat(refused.body()).contains("policies[1]").contains("\"field\":\"policies[1].action\"");
    assertThat(admin.get("/api/v1/policies").body()).doesNotContain("fine-" + RUN);
  }

  private JsonNode pending(McpSyncClient client, CallToolRequest call) {
    McpError error = catchThrowableOfType(McpError.class, () -> client.callTool(call));
    assertThat(error).as("the call is held").isNotNull();
    JsonNode data = JSON.valueToTree(error.getJsonRpcError().data());
    assertThat(data.path("reason").asString()).isEqualTo("approval_pending");
    return data;
  }

  private HttpResponse<String> approvals(String path, String method, String json) throws Exception {
    HttpRequest.Builder request =
        domain
            .request("/api/v1/approvals" + path)
            .header("Authorization", "Bearer " + rita)
            .header("Content-Type", "application/json");
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return domain.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private McpSyncClient client(String token) {
    return McpClients.through(domain, "/gw/" + CONNECTION + "/mcp", token);
  }
}
