package dev.gatehouse.it;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;

/** The official MCP Java SDK client, pointed at an MCP endpoint through the test gateway. */
final class McpClients {

  private McpClients() {}

  /**
   * A synchronous client for {@code endpoint} (for example {@code /gw/demo/mcp}) whose requests
   * carry {@code token}, trusting the gateway's listener certificate.
   */
  static McpSyncClient through(TestDomain domain, String endpoint, String token) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder("https://localhost:" + domain.httpsPort())
            .endpoint(endpoint)
            .clientBuilder(
                HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .sslContext(
                        TestDomain.sslContextTrusting(
                            Path.of(domain.value("GATEHOUSE_LISTENER_CERT")))))
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
            .build();
    return McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(30))
        .initializationTimeout(Duration.ofSeconds(30))
        .build();
  }
}
