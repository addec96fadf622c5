package dev.gatehouse.it;

import static dev.gatehouse.it.AdminApi.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.Root;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests an MCP server sends its client, through the gateway, with the official MCP Java SDK on
 * both ends: the client declares sampling and roots and can answer both; the demo agent's {@code
 * ask_client} tool asks for a completion (only if the client declared sampling) or for the roots
 * (whatever it declared). On {@code demo}, which blocks server requests as every connection does by
 * default, the server learns of neither capability, the roots request it sends anyway never reaches
 * the client, and the audit records say both; on a connection that allows them, the client answers
 * both.
 */
@ExtendWith(ArquillianExtension.class)
class ServerRequestsIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ROOT = "file:///srv/demo";

  private static String allowing;

  private final TestDomain domain = TestDomain.get();
  private final String auditorToken = domain.token("carol", "gatehouse-auditor");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void registerAConnectionThatAllowsServerRequests() throws Exception {
    TestDomain domain = TestDomain.get();
    allowing = "srvreq-allow-" + RUN;
    TestConnections.register(
        domain,
        allowing,
        domain.value("GATEHOUSE_DEMO_AGENT_URL"),
        "\"credentialKind\":\"BEARER\",\"secret\":"
            + str(domain.demoAgentCredential())
            + ",\"mcpServerRequests\":\"allow\"");
  }

  @AfterAll
  static void removeIt() throws Exception {
    AdminApi.admin(TestDomain.get()).delete("/api/v1/connections/" + allowing);
  }

  @Test
  void onDemoTheServerIsToldOfNoSuchCapabilityAndWhatItAsksAnywayNeverReachesTheClient()
      throws Exception {
    String caller = "srvreq-blocked-" + RUN;
    List<String> methods = new CopyOnWriteArrayList<>();
    List<CreateMessageRequest> sampled = new CopyOnWriteArrayList<>();
    try (McpSyncClient client = client("demo", caller, methods, sampled)) {
      client.initialize();
      assertThat(ask(client, "sampling"))
          .isEqualTo("The client declared no sampling capability; nothing was asked.");
      assertThat(ask(client, "roots"))
          .isEqualTo("The client did not answer roots/list within 2 s.");
    }
    assertThat(sampled).as("the client's sampling handler was never called").isEmpty();

    List<JsonNode> records = completedAuditRecords("demo", caller, methods.size());
    assertThat(records).hasSameSizeAs(methods);
    JsonNode initialize = byMethod(records, "initialize");
    assertThat(initialize.path("ruleHits").asString())
        .contains("\"action\":\"BLOCK\",\"where\":\"mcp:client-capability:sampling\"")
        .contains("\"action\":\"BLOCK\",\"where\":\"mcp:client-capability:roots\"");
    // The record keeps what was forwarded: the initialize without the capabilities.
    assertThat(initialize.path("request").path("text").asString())
        .contains("\"capabilities\":{")
        .doesNotContain("\"sampling\"")
        .doesNotContain("\"roots\"");
    // The roots request travels on the tool call's event stream or on the GET stream; either way
    // its exchange's record names it, and the exchange itself went through.
    JsonNode dropped =
        records.stream()
            .filter(r -> r.path("ruleHits").asString().contains("mcp:server-request:roots/list"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no record names the dropped request"));
    assertThat(dropped.path("decision").asString()).isEqualTo("ALLOWED");
    assertThat(dropped.path("ruleHits").asString())
        .contains("\"ruleId\":null,\"action\":\"BLOCK\"");
  }

  @Test
  void onAConnectionThatAllowsThemTheClientIsAskedAndAnswers() throws Exception {
    String caller = "srvreq-allowed-" + RUN;
    List<String> methods = new CopyOnWriteArrayList<>();
    List<CreateMessageRequest> sampled = new CopyOnWriteArrayList<>();
    try (McpSyncClient client = client(allowing, caller, methods, sampled)) {
      client.initialize();
      assertThat(ask(client, "sampling")).isEqualTo("The client's model answered: 42");
      assertThat(ask(client, "roots")).isEqualTo("The client has 1 root(s): " + ROOT);
    }
    assertThat(sampled).hasSize(1);
    assertThat(((TextContent) sampled.get(0).messages().get(0).content()).text())
        .isEqualTo("six times seven?");

    List<JsonNode> records = completedAuditRecords(allowing, caller, methods.size());
    assertThat(records).hasSameSizeAs(methods);
    for (JsonNode record : records) {
      assertThat(record.path("decision").asString()).as(record.toString()).isEqualTo("ALLOWED");
      assertThat(record.path("ruleHits").asString())
          .doesNotContain("mcp:server-request")
          .doesNotContain("mcp:client-capability");
    }
  }

  private static String ask(McpSyncClient client, String what) {
    CallToolResult result =
        client.callTool(
            new CallToolRequest("ask_client", Map.of("ask", what, "prompt", "six times seven?")));
    return ((TextContent) result.content().get(0)).text();
  }

  /**
   * The official client on {@code /gw/<connection>/mcp}, declaring sampling (answered "42", each
   * request kept in {@code sampled}) and roots (one, {@link #ROOT}); each HTTP method it sends is
   * added to {@code methods}.
   */
  private McpSyncClient client(
      String connection, String caller, List<String> methods, List<CreateMessageRequest> sampled) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("https://localhost:" + domain.httpsPort())
            .endpoint("/gw/" + connection + "/mcp")
            .clientBuilder(
                HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .sslContext(
                        TestDomain.sslContextTrusting(
                            Path.of(domain.value("GATEHOUSE_LISTENER_CERT")))))
            .requestBuilder(
                HttpRequest.newBuilder()
                    .header("Authorization", "Bearer " + domain.token(caller, "demo-users")))
            .httpRequestCustomizer((builder, method, uri, body, context) -> methods.add(method))
            .build();
    return McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(30))
        .initializationTimeout(Duration.ofSeconds(30))
        .capabilities(ClientCapabilities.builder().sampling().roots(true).build())
        .sampling(
            request -> {
              sampled.add(request);
              return CreateMessageResult.builder()
                  .role(Role.ASSISTANT)
                  .content(new TextContent("42"))
                  .model("client-model")
                  .build();
            })
        .roots(new Root(ROOT, "demo"))
        .build();
  }

  private static JsonNode byMethod(List<JsonNode> records, String mcpMethod) {
    return records.stream()
        .filter(r -> r.path("agent").path("mcpMethod").asString().equals(mcpMethod))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + mcpMethod + " record in " + records));
  }

  /**
   * The caller's records on the connection once there are {@code expected} of them and none is
   * {@code STARTED} any more (the GET stream's record completes when the session ends).
   */
  private List<JsonNode> completedAuditRecords(String connection, String caller, int expected)
      throws Exception {
    String query =
        "/api/v1/audit?limit=100&connection="
            + URLEncoder.encode(connection, StandardCharsets.UTF_8)
            + "&caller="
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
      if (records.size() >= expected
          && records.stream().noneMatch(r -> r.path("decision").asString().equals("STARTED"))) {
        return records;
      }
      Thread.sleep(100);
    }
    return records;
  }
}
