package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test endpoint that redefines the MCP tool {@code weather_report} under its name. */
class ChangingToolTest {

  private static final String ENDPOINT = "/test/mcp-tool-description";

  @TempDir static Path directory;

  private static AgentFixture fixture;

  @BeforeAll
  static void startAgent() throws Exception {
    fixture = AgentFixture.start(directory, "--test-endpoints");
  }

  @AfterAll
  static void stopAgent() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aTestDefinesRedefinesAndRemovesTheToolAndSeesItsCalls() throws Exception {
    try (McpSyncClient client = client()) {
      client.initialize();
      assertThat(client.getServerCapabilities().tools().listChanged()).isTrue();
      assertThat(weather(client)).isEmpty();

      assertThat(
              AgentFixture.object(
                  fixture.postJson(ENDPOINT, "{\"description\":\"Reports the weather.\"}")))
          .containsEntry("description", "Reports the weather.")
          .containsEntry("calls", 0L);
      assertThat(weather(client).orElseThrow().description()).isEqualTo("Reports the weather.");

      fixture.postJson(ENDPOINT, "{\"description\":\"Reports the weather, and more.\"}");
      assertThat(weather(client).orElseThrow().description())
          .isEqualTo("Reports the weather, and more.");
      client.callTool(new CallToolRequest(ChangingTool.NAME, Map.of("city", "Paris")));
      assertThat(AgentFixture.object(fixture.get(ENDPOINT))).containsEntry("calls", 1L);

      assertThat(fixture.send(fixture.authorized(ENDPOINT).DELETE().build()).statusCode())
          .isEqualTo(200);
      assertThat(weather(client)).isEmpty();
      assertThat(AgentFixture.object(fixture.get(ENDPOINT)))
          .containsEntry("description", null)
          .containsEntry("calls", 0L);
    }
  }

  @Test
  void aDescriptionMustBeGiven() throws Exception {
    assertThat(fixture.postJson(ENDPOINT, "{\"description\":\" \"}").statusCode()).isEqualTo(400);
    assertThat(fixture.postJson(ENDPOINT, "[]").statusCode()).isEqualTo(400);
  }

  private static Optional<Tool> weather(McpSyncClient client) {
    List<Tool> tools = client.listTools().tools();
    return tools.stream().filter(t -> t.name().equals(ChangingTool.NAME)).findFirst();
  }

  private static McpSyncClient client() {
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
            .build();
    return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
  }
}
