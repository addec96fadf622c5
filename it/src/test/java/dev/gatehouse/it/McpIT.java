package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP through the gateway with real parties on both ends: the official MCP Java SDK's client
 * (Streamable HTTP, sessions) talks to {@code /gw/demo/mcp}, behind which the demo agent serves the
 * same SDK's server. The gateway must relay the session header and the SSE answers, mask the key
 * {@code read_config} answers with (in the result and in the log event before it), and audit every
 * request of the session, the closing {@code DELETE} included.
 */
@ExtendWith(ArquillianExtension.class)
class McpIT {

  /** The key the demo's {@code read_config} plants (dev.gatehouse.demo.agent.McpTools). */
  private static final String PLANTED_KEY = "sk-proj-DEMOplanted0nly4gatehouseMasking0001";

  /**
   * What the key reads once masked: written as {@code openai_api_key=sk-…}, it is a secret
   * assignment, which the masker replaces whole (the assignment starts before the key does).
   */
  private static final String MASKED_KEY = "[SECRET]";

  private static final String SERVER_NAME = "gatehouse-demo-agent";
  private static final String MCP_PATH = "/gw/demo/mcp";
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TestDomain domain = TestDomain.get();
  private final String auditorToken = domain.token("carol", "gatehouse-auditor");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @Test
  void officialClientInitializesListsCallsAndEndsItsSessionThroughTheGateway() throws Exception {
    // A caller of its own, so that the audit trail of this session can be picked out exactly.
    String caller = "mcp-client-" + RUN;
    List<String> methods = new CopyOnWriteArrayList<>();
    McpSyncClient client = client(domain.token(caller, "demo-users"), methods, log -> {});
    try (client) {
      client.initialize();
      assertThat(client.getServerInfo().name()).isEqualTo(SERVER_NAME);

      List<Tool> tools = client.listTools().tools();
      assertThat(tools)
          .extracting(Tool::name)
          .containsExactlyInAnyOrder("calculator", "read_config", "delete_records", "ask_client");
      assertThat(tool(tools, "delete_records").annotations().destructiveHint()).isTrue();

      CallToolResult sum =
          client.callTool(new CallToolRequest("calculator", Map.of("a", 19, "b", 23)));
      assertThat(sum.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(((Map<?, ?>) sum.structuredContent()).get("sum")).isEqualTo(42.0);
      assertThat(text(sum)).isEqualTo("19 + 23 = 42");

      CallToolResult config = client.callTool(new CallToolRequest("read_config", Map.of()));
      assertThat(text(config))
          .contains("openai_api_key=" + MASKED_KEY)
          .doesNotContain(PLANTED_KEY)
          .doesNotContain("DEMOplanted");
    }
    // Messages were POSTed, the server-to-client stream opened with GET, and close() ended the
    // session with DELETE - all through the gateway.
    assertThat(methods).contains("POST", "GET").endsWith("DELETE");

    List<JsonNode> records = completedAuditRecords(caller, methods.size());
    assertThat(records).hasSameSizeAs(methods);
    for (JsonNode record : records) {
      assertThat(record.path("connection").asString()).isEqualTo("demo");
      assertThat(record.path("path").asString()).isEqualTo("/mcp");
      assertThat(record.path("decision").asString()).as(record.toString()).isEqualTo("ALLOWED");
    }
    assertThat(records)
        .extracting(record -> record.path("method").asString())
        .containsExactlyInAnyOrderElementsOf(methods);
    JsonNode delete =
        records.stream()
            .filter(record -> record.path("method").asString().equals("DELETE"))
            .findFirst()
            .orElseThrow();
    assertThat(delete.path("status").asInt()).isEqualTo(200);
    assertThat(records.toString()).doesNotContain(PLANTED_KEY);

    // Every record names the protocol and the session; the calls name the tool and the digest of
    // the canonical arguments, and a search by tool finds exactly the call.
    String session = null;
    for (JsonNode record : records) {
      JsonNode agent = record.path("agent");
      assertThat(agent.path("protocol").asString()).as(record.toString()).isEqualTo("MCP");
      if (!agent.path("mcpSessionId").isMissingNode() && !agent.path("mcpSessionId").isNull()) {
        session = session == null ? agent.path("mcpSessionId").asString() : session;
        assertThat(agent.path("mcpSessionId").asString()).isEqualTo(session);
      }
    }
    assertThat(session).as("the session id the client sent after initialize").isNotBlank();
    JsonNode calculatorCall =
        records.stream()
            .filter(r -> r.path("agent").path("mcpMethod").asString().equals("tools/call"))
            .filter(r -> r.path("agent").path("toolCalls").toString().contains("calculator"))
            .findFirst()
            .orElseThrow();
    JsonNode call = calculatorCall.path("agent").path("toolCalls").get(0);
    assertThat(call.path("name").asString()).isEqualTo("calculator");
    assertThat(call.path("argumentsSha256").asString()).isEqualTo(sha256("{\"a\":19,\"b\":23}"));
    assertThat(calculatorCall.path("agent").path("toolError").toString())
        .as("the tool ran and did not fail (isError)")
        .isEqualTo("false");
    List<JsonNode> found = search("tool=calculator&caller=" + caller);
    assertThat(found)
        .extracting(r -> r.path("id").asString())
        .containsExactly(calculatorCall.path("id").asString());
    assertThat(search("tool=read_config&caller=" + caller)).hasSize(1);

    // The connection's tool inventory has the three tools as listed, and the calls counted.
    HttpResponse<String> inventory =
        domain
            .client()
            .send(
                domain
                    .request("/api/v1/connections/demo/tools")
                    .header("Authorization", "Bearer " + domain.token("rita", "gatehouse-reviewer"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(inventory.statusCode()).as(inventory.body()).isEqualTo(200);
    List<JsonNode> tools = new ArrayList<>();
    JSON.readTree(inventory.body()).forEach(tools::add);
    assertThat(tools)
        .extracting(t -> t.path("name").asString())
        .contains("calculator", "read_config", "delete_records");
    for (JsonNode tool : tools) {
      assertThat(tool.path("fingerprint").asString()).as(tool.toString()).matches("[0-9a-f]{64}");
    }
    JsonNode deleteRecords =
        tools.stream()
            .filter(t -> t.path("name").asString().equals("delete_records"))
            .findFirst()
            .orElseThrow();
    assertThat(deleteRecords.path("destructive").asBoolean()).isTrue();
    JsonNode calculator =
        tools.stream()
            .filter(t -> t.path("name").asString().equals("calculator"))
            .findFirst()
            .orElseThrow();
    assertThat(calculator.path("calls").asLong()).isPositive();
    assertThat(calculator.path("description").asString()).isNotBlank();
    HttpResponse<String> asCaller =
        domain
            .client()
            .send(
                domain
                    .request("/api/v1/connections/demo/tools")
                    .header("Authorization", "Bearer " + domain.token(caller, "demo-users"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(asCaller.statusCode()).isEqualTo(403);
  }

  @Test
  void brokenOrDisguisedJsonRpcIsAnsweredWithAJsonRpcErrorAndNeverForwarded() throws Exception {
    String token = domain.token("mcp-attacker-" + RUN, "demo-users");

    HttpResponse<String> broken = post(token, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
    assertJsonRpcError(broken, 400, -32700, "mcp_parse_error", "null");

    // The stateless revision's headers say calculator; the body calls delete_records.
    HttpResponse<String> disguised =
        post(
            token,
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"delete_records\",\"arguments\":{\"table\":\"users\"}}}",
            "MCP-Protocol-Version",
            "2026-07-28",
            "Mcp-Method",
            "tools/call",
            "Mcp-Name",
            "calculator");
    assertJsonRpcError(disguised, 400, -32600, "mcp_header_mismatch", "5");

    HttpResponse<String> notJsonRpc =
        post(token, "{\"jsonrpc\":\"1.0\",\"id\":\"x\",\"method\":\"ping\"}");
    assertJsonRpcError(notJsonRpc, 400, -32600, "mcp_invalid_request", "\"x\"");

    // A deny rule's refusal reaches the MCP client as a JSON-RPC error too, with the rule's id.
    AdminApi admin = AdminApi.admin(domain);
    HttpResponse<String> rule =
        admin.post(
            "/api/v1/policies",
            "{\"name\":\"no-users-table-"
                + RUN
                + "\",\"connection\":\"demo\",\"target\":\"JSON_POINTER\","
                + "\"selector\":\"/params/arguments/table\",\"pattern\":\"users\","
                + "\"action\":\"BLOCK\"}");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    try {
      HttpResponse<String> blocked =
          post(
              token,
              "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":"
                  + "\"delete_records\",\"arguments\":{\"table\":\"users\"}}}");
      JsonNode error = assertJsonRpcError(blocked, 403, -32001, "policy_blocked", "6");
      assertThat(error.path("data").path("ruleId").asString())
          .isEqualTo(Json.field(rule.body(), "id"));
    } finally {
      admin.delete("/api/v1/policies/" + Json.field(rule.body(), "id"));
    }
  }

  private HttpResponse<String> post(String token, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        domain
            .request(MCP_PATH)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return domain.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Asserts a JSON-RPC error answer with its audit record, refused; returns the error. */
  private JsonNode assertJsonRpcError(
      HttpResponse<String> response, int status, int code, String reason, String rawId)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("jsonrpc").asString()).as(response.body()).isEqualTo("2.0");
    assertThat(body.path("id").toString()).isEqualTo(rawId);
    JsonNode error = body.path("error");
    assertThat(error.path("code").asInt()).isEqualTo(code);
    assertThat(error.path("message").asString()).isNotBlank();
    assertThat(error.path("data").path("reason").asString()).isEqualTo(reason);
    String record = domain.completedAuditRecord(error.path("data").path("auditId").asString());
    assertThat(Json.field(record, "reason")).isEqualTo(reason);
    assertThat(Json.field(record, "decision")).isIn("REFUSED", "BLOCKED");
    return error;
  }

  private List<JsonNode> search(String query) throws Exception {
    HttpResponse<String> response =
        domain
            .client()
            .send(
                domain
                    .request("/api/v1/audit?connection=demo&" + query)
                    .header("Authorization", "Bearer " + auditorToken)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> records = new ArrayList<>();
    JSON.readTree(response.body()).forEach(records::add);
    return records;
  }

  static String sha256(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void toolAnswerStreamedAsServerSentEventsArrivesEventByEventAndMasked() throws Exception {
    // First the official client: the log notification the tool sends before its result is an
    // event of the same SSE answer, and arrives masked like the result.
    List<LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    try (McpSyncClient client =
        client(domain.token("mcp-sse-" + RUN, "demo-users"), new ArrayList<>(), logs::add)) {
      client.initialize();
      CallToolResult config = client.callTool(new CallToolRequest("read_config", Map.of()));
      assertThat(text(config)).contains(MASKED_KEY).doesNotContain(PLANTED_KEY);
      // The client hands notifications to the consumer asynchronously.
      for (int i = 0; i < 100 && logs.isEmpty(); i++) {
        Thread.sleep(50);
      }
    }
    assertThat(logs).extracting(LoggingMessageNotification::data).isNotEmpty();
    assertThat(logs)
        .extracting(LoggingMessageNotification::data)
        .allSatisfy(data -> assertThat(data).doesNotContain(PLANTED_KEY))
        .anySatisfy(data -> assertThat(data).contains("openai_api_key=" + MASKED_KEY));

    // Then the same exchange on the wire, to see what the gateway relays.
    String token = domain.token("mcp-wire-" + RUN, "demo-users");
    HttpResponse<String> initialize =
        post(
            token,
            null,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"mcp-it\",\"version\":\"1\"}}}");
    assertThat(initialize.statusCode()).as(initialize.body()).isEqualTo(200);
    assertThat(initialize.body()).contains(SERVER_NAME);
    String session = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(initialize.headers().firstValue("Gatehouse-Audit-Id")).isPresent();

    HttpResponse<String> initialized =
        post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(202);

    HttpResponse<String> call =
        post(
            token,
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"read_config\",\"arguments\":{}}}");
    assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
    assertThat(call.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    List<String> data = new ArrayList<>();
    for (String line : call.body().split("\n")) {
      if (line.startsWith("data:")) {
        data.add(line.substring(5).trim());
      }
    }
    // Framing kept: the log event, then the result, each masked.
    assertThat(data).hasSize(2);
    assertThat(data.get(0)).contains("notifications/message").contains(MASKED_KEY);
    assertThat(data.get(1)).contains("\"id\":2").contains(MASKED_KEY);
    assertThat(call.body()).doesNotContain(PLANTED_KEY).doesNotContain("DEMOplanted");
    String callAudit = call.headers().firstValue("Gatehouse-Audit-Id").orElseThrow();
    String callRecord = domain.completedAuditRecord(callAudit);
    assertThat(Json.field(callRecord, "method")).isEqualTo("POST");
    assertThat(Json.field(callRecord, "path")).isEqualTo("/mcp");
    assertThat(callRecord).doesNotContain(PLANTED_KEY);

    HttpResponse<String> end =
        domain
            .client()
            .send(
                domain
                    .request(MCP_PATH)
                    .header("Authorization", "Bearer " + token)
                    .header("Mcp-Session-Id", session)
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(end.statusCode()).as(end.body()).isEqualTo(200);
    String endRecord =
        domain.completedAuditRecord(end.headers().firstValue("Gatehouse-Audit-Id").orElseThrow());
    assertThat(Json.field(endRecord, "method")).isEqualTo("DELETE");
    assertThat(Json.field(endRecord, "path")).isEqualTo("/mcp");

    // The session is gone at the server: the gateway relays the SDK's 404 for it.
    HttpResponse<String> after =
        post(token, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");
    assertThat(after.statusCode()).as(after.body()).isEqualTo(404);
  }

  /** The official client, its requests carrying the caller's token, trusting the listener. */
  private McpSyncClient client(
      String token,
      List<String> methods,
      java.util.function.Consumer<LoggingMessageNotification> logs) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("https://localhost:" + domain.httpsPort())
            .endpoint(MCP_PATH)
            .clientBuilder(
                HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .sslContext(
                        TestDomain.sslContextTrusting(
                            Path.of(domain.value("GATEHOUSE_LISTENER_CERT")))))
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
            .httpRequestCustomizer((builder, method, uri, body, context) -> methods.add(method))
            .build();
    return McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(30))
        .initializationTimeout(Duration.ofSeconds(30))
        .loggingConsumer(logs)
        .build();
  }

  private HttpResponse<String> post(String token, String session, String json) throws Exception {
    HttpRequest.Builder request =
        domain
            .request(MCP_PATH)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return domain.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The caller's audit records on {@code demo} once there are {@code expected} of them and none is
   * {@code STARTED} any more (the GET stream's record completes when the session ends).
   */
  private List<JsonNode> completedAuditRecords(String caller, int expected) throws Exception {
    String query =
        "/api/v1/audit?connection=demo&limit=100&caller="
            + URLEncoder.encode(caller, StandardCharsets.UTF_8);
    List<JsonNode> records = List.of();
    for (int attempt = 0; attempt < 100; attempt++) {
      HttpResponse<String> response =
          domain
              .client()
              .send(
                  domain.request(query).header("Authorization", "Bearer " + auditorToken).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      records = new ArrayList<>();
      JSON.readTree(response.body()).forEach(records::add);
      boolean complete =
          records.size() >= expected
              && records.stream()
                  .noneMatch(record -> record.path("decision").asString().equals("STARTED"));
      if (complete) {
        return records;
      }
      Thread.sleep(100);
    }
    return records;
  }

  private static Tool tool(List<Tool> tools, String name) {
    return tools.stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
  }

  private static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }
}
