package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.Root;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@code /mcp} endpoint driven directly (no gateway) by the official MCP Java SDK's
 * client, plus raw HTTP for what the gateway sees on the wire: session header, SSE answers, 401.
 */
class McpEndpointTest {

  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"raw-test\",\"version\":\"1\"}}}";

  @TempDir static Path directory;

  private static AgentFixture fixture;

  @BeforeAll
  static void startAgent() throws Exception {
    fixture = AgentFixture.start(directory);
  }

  @AfterAll
  static void stopAgent() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void officialClientInitializesListsAndCallsTools() throws Exception {
    List<String> methods = new CopyOnWriteArrayList<>();
    List<LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    try (McpSyncClient client = client(methods, logs)) {
      client.initialize();
      assertThat(client.getServerInfo().name()).isEqualTo(McpEndpoint.SERVER_NAME);

      List<Tool> tools = client.listTools().tools();
      assertThat(tools)
          .extracting(Tool::name)
          .containsExactlyInAnyOrder("calculator", "read_config", "delete_records", "ask_client");
      Tool delete = tools.stream().filter(t -> t.name().equals("delete_records")).findFirst().get();
      assertThat(delete.annotations().destructiveHint()).isTrue();

      CallToolResult sum =
          client.callTool(new CallToolRequest("calculator", Map.of("a", 2, "b", 40)));
      assertThat(sum.isError()).isNotEqualTo(Boolean.TRUE);
      assertThat(AgentFixture.object(sum.structuredContent())).containsEntry("sum", 42.0);
      assertThat(text(sum)).isEqualTo("2 + 40 = 42");

      CallToolResult config = client.callTool(new CallToolRequest("read_config", Map.of()));
      assertThat(text(config)).contains(McpTools.PLANTED_KEY);
      awaitNotEmpty(logs);
      assertThat(logs)
          .extracting(LoggingMessageNotification::data)
          .anyMatch(d -> d.contains(McpTools.PLANTED_KEY));

      CallToolResult deleted =
          client.callTool(
              new CallToolRequest(
                  "delete_records", Map.of("table", "customers", "ids", List.of("7", "9"))));
      assertThat(text(deleted)).isEqualTo("Deleted 2 record(s) from customers: [7, 9]");
    }
    // Closing the client ends the session with a DELETE.
    // POSTs for messages, one GET for the server-to-client stream, and DELETE on close.
    assertThat(methods).startsWith("POST", "GET").contains("POST").endsWith("DELETE");
  }

  @Test
  void plantedKeyHasTheOpenAiProjectKeyShape() {
    assertThat(McpTools.PLANTED_KEY).matches("sk-proj-[A-Za-z0-9]{36}");
  }

  @Test
  void initializeOpensASessionAndToolCallsAnswerWithServerSentEvents() throws Exception {
    HttpResponse<String> initialize = post(null, INITIALIZE);
    assertThat(initialize.statusCode()).isEqualTo(200);
    String session = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(initialize.body()).contains(McpEndpoint.SERVER_NAME);

    HttpResponse<String> initialized =
        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(initialized.statusCode()).isEqualTo(202);

    HttpResponse<String> call =
        post(
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"read_config\",\"arguments\":{}}}");
    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    // The log notification, then the result, each an SSE event.
    assertThat(call.body()).containsSubsequence("notifications/message", "\"id\":2");
    assertThat(call.body().split("\n")).filteredOn(line -> line.startsWith("data:")).hasSize(2);

    HttpResponse<String> end =
        fixture.send(
            fixture
                .authorized(McpEndpoint.PATH)
                .header("Mcp-Session-Id", session)
                .DELETE()
                .build());
    assertThat(end.statusCode()).isBetween(200, 204);
    assertThat(
            post(session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void refusesAMissingOrWrongCredential() throws Exception {
    HttpResponse<String> anonymous =
        fixture.send(
            fixture
                .anonymous(McpEndpoint.PATH)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                .build());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(anonymous.body()).contains("invalid_credential");

    HttpClientStreamableHttpTransport wrong =
        HttpClientStreamableHttpTransport.builder(fixture.agent.baseUrl())
            .endpoint(McpEndpoint.PATH)
            .clientBuilder(HttpClient.newBuilder().sslContext(fixture.clientTls))
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer nope"))
            .build();
    try (McpSyncClient client =
        McpClient.sync(wrong).initializationTimeout(Duration.ofSeconds(10)).build()) {
      assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void askClientAsksTheClientInTurnForWhatItDeclared() throws Exception {
    List<CreateMessageRequest> asked = new CopyOnWriteArrayList<>();
    try (McpSyncClient client =
        client(
            new CopyOnWriteArrayList<>(),
            new CopyOnWriteArrayList<>(),
            spec ->
                spec.capabilities(ClientCapabilities.builder().sampling().roots(true).build())
                    .sampling(
                        request -> {
                          asked.add(request);
                          return CreateMessageResult.builder()
                              .role(Role.ASSISTANT)
                              .content(new TextContent("42"))
                              .model("client-model")
                              .build();
                        })
                    .roots(new Root("file:///srv/demo", "demo")))) {
      client.initialize();
      CallToolResult sampled =
          client.callTool(
              new CallToolRequest("ask_client", Map.of("ask", "sampling", "prompt", "6 x 7?")));
      assertThat(text(sampled)).isEqualTo("The client's model answered: 42");
      assertThat(asked).hasSize(1);
      assertThat(((TextContent) asked.get(0).messages().get(0).content()).text())
          .isEqualTo("6 x 7?");

      CallToolResult roots =
          client.callTool(new CallToolRequest("ask_client", Map.of("ask", "roots")));
      assertThat(text(roots)).isEqualTo("The client has 1 root(s): file:///srv/demo");
    }

    try (McpSyncClient client =
        client(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), spec -> spec)) {
      client.initialize();
      CallToolResult sampled =
          client.callTool(
              new CallToolRequest("ask_client", Map.of("ask", "sampling", "prompt", "hi")));
      assertThat(text(sampled))
          .isEqualTo("The client declared no sampling capability; nothing was asked.");
      CallToolResult roots =
          client.callTool(new CallToolRequest("ask_client", Map.of("ask", "roots")));
      assertThat(text(roots)).startsWith("The client ").doesNotContain("file:");
    }
  }

  private static McpSyncClient client(List<String> methods, List<LoggingMessageNotification> logs) {
    return client(methods, logs, spec -> spec);
  }

  private static McpSyncClient client(
      List<String> methods,
      List<LoggingMessageNotification> logs,
      UnaryOperator<McpClient.SyncSpec> declared) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(fixture.agent.baseUrl())
            .endpoint(McpEndpoint.PATH)
            .clientBuilder(
                HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(fixture.clientTls))
            .requestBuilder(
                HttpRequest.newBuilder()
                    .header("Authorization", "Bearer " + AgentFixture.CREDENTIAL))
            .httpRequestCustomizer((builder, method, uri, body, context) -> methods.add(method))
            .build();
    return declared
        .apply(
            McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .loggingConsumer(logs::add))
        .build();
  }

  private static HttpResponse<String> post(String session, String json) throws Exception {
    HttpRequest.Builder request =
        fixture
            .authorized(McpEndpoint.PATH)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return fixture.send(request.build());
  }

  /** The client hands notifications to its consumers asynchronously; give it a moment. */
  static void awaitNotEmpty(List<?> list) throws InterruptedException {
    for (int i = 0; i < 100 && list.isEmpty(); i++) {
      Thread.sleep(50);
    }
  }

  private static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }
}
