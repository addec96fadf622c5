package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP clients discover how to log in: a request to {@code /gw/demo/mcp} without a token is answered
 * 401 with a challenge naming the resource's protected resource metadata (RFC 9728 §5.1), and that
 * document, served without authentication, names the resource as the client called it (§3.3) and
 * the test domain's dev issuer as its authorization server. The official MCP Java SDK's client,
 * whose authorization error hook follows the challenge, then completes its session with a token of
 * that issuer. The backend sees the connection's credential, never the caller's token — checked
 * here for the discovered token, and for every caller by {@code
 * ProxyIT#replacesTheCallersTokenWithTheConnectionCredential}.
 */
@ExtendWith(ArquillianExtension.class)
class ResourceMetadataIT {

  private static final String MCP_PATH = "/gw/demo/mcp";
  private static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
          + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"resource-metadata-it\",\"version\":\"1\"}}}";

  /** An auth-param of a challenge: {@code name="value"} (Gatehouse quotes every value). */
  private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TestDomain domain = TestDomain.get();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @Test
  void anMcpRequestWithoutATokenIsToldWhereToGetOne() throws Exception {
    HttpResponse<String> refused = initialize(null);

    assertProblem(refused, 401, "missing_token");
    Map<String, String> challenge = challenge(refused);
    assertThat(challenge.get("resource_metadata"))
        .isEqualTo(domain.gateway(WELL_KNOWN + MCP_PATH).toString());
    // RFC 6750 §3.1: a request that carried no token did nothing wrong.
    assertThat(challenge).doesNotContainKey("error");

    // Fetched as a client that has no token yet must fetch it.
    HttpResponse<String> metadata =
        send(HttpRequest.newBuilder(URI.create(challenge.get("resource_metadata"))).build());
    assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(200);
    assertThat(metadata.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(metadata.headers().firstValue("cache-control"))
        .hasValueSatisfying(cache -> assertThat(cache).contains("max-age="));
    JsonNode document = JSON.readTree(metadata.body());
    assertThat(document.path("resource").asString()).isEqualTo(domain.gateway(MCP_PATH).toString());
    assertThat(strings(document.path("authorization_servers"))).containsExactly(TestDomain.ISSUER);
    assertThat(strings(document.path("bearer_methods_supported"))).containsExactly("header");
  }

  @Test
  void aRejectedTokenKeepsItsErrorAndIsToldWhereToGetABetterOne() throws Exception {
    HttpResponse<String> refused = initialize("definitely.not-a.jwt");

    assertProblem(refused, 401, "malformed_token");
    Map<String, String> challenge = challenge(refused);
    assertThat(challenge.get("error")).isEqualTo("invalid_token");
    assertThat(challenge.get("error_description")).isNotBlank();
    assertThat(challenge.get("resource_metadata"))
        .isEqualTo(domain.gateway(WELL_KNOWN + MCP_PATH).toString());
  }

  @Test
  void theMetadataDoesNotTellWhetherAConnectionExists() throws Exception {
    String unknown = "/gw/no-such-connection-" + RUN + "/mcp";

    HttpResponse<String> metadata = send(domain.request(WELL_KNOWN + unknown).build());

    // The same answer as for demo: anonymous callers learn no more than the 401 tells them.
    assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(200);
    JsonNode document = JSON.readTree(metadata.body());
    assertThat(document.path("resource").asString()).isEqualTo(domain.gateway(unknown).toString());
    assertThat(strings(document.path("authorization_servers"))).containsExactly(TestDomain.ISSUER);

    // Only the gateway's resources have metadata: not the host as a whole, not the admin API.
    assertProblem(send(domain.request(WELL_KNOWN).build()), 404, "no_resource_metadata");
    assertProblem(
        send(domain.request(WELL_KNOWN + "/api/v1/audit").build()), 404, "no_resource_metadata");
  }

  @Test
  void theOfficialClientFollowsTheChallengeLogsInAndNeverShowsTheBackendItsToken()
      throws Exception {
    AtomicReference<String> token = new AtomicReference<>();
    List<String> resourcesDiscovered = new CopyOnWriteArrayList<>();
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
            // No token to begin with: the first request is refused, the hook below logs in, and
            // the transport replays the request, which then carries the token.
            .httpRequestCustomizer(
                (builder, method, uri, body, context) -> {
                  if (token.get() != null) {
                    builder.setHeader("Authorization", "Bearer " + token.get());
                  }
                })
            .authorizationErrorHandler(
                McpHttpClientTransportAuthorizationErrorHandler.fromSync(
                    (request, response, context) -> logIn(response, token, resourcesDiscovered)))
            .build();
    try (McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .initializationTimeout(Duration.ofSeconds(30))
            .build()) {
      client.initialize();
      // The demo agent answers only its own credential: the gateway put it in place of the token.
      assertThat(client.listTools().tools()).extracting(Tool::name).contains("calculator");
    }
    assertThat(resourcesDiscovered).containsExactly(domain.gateway(MCP_PATH).toString());

    HttpResponse<String> echo =
        send(
            domain
                .request("/gw/demo/test/echo")
                .header("Authorization", "Bearer " + token.get())
                .build());
    assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
    assertThat(Json.field(echo.body(), "authorizationCheck")).isEqualTo("matches-credential");
    assertThat(echo.body()).doesNotContain(token.get());
  }

  /**
   * What an MCP client does on a 401 (the MCP authorization spec): reads {@code resource_metadata}
   * from the challenge, fetches the document, uses it only if it names the resource it called (RFC
   * 9728 §3.3), and gets a token from the authorization server it names. The test domain's
   * authorization server is its dev issuer, so a token it signs stands for the OAuth flow a real
   * client would run there (with {@code resource=} the document's resource, RFC 8707).
   */
  private boolean logIn(
      HttpResponse.ResponseInfo response,
      AtomicReference<String> token,
      List<String> resourcesDiscovered) {
    if (response.statusCode() != 401 || token.get() != null) {
      return false;
    }
    try {
      String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
      String metadataUrl = parameters(challenge).get("resource_metadata");
      HttpResponse<String> metadata =
          send(HttpRequest.newBuilder(URI.create(metadataUrl)).GET().build());
      JsonNode document = JSON.readTree(metadata.body());
      String resource = document.path("resource").asString();
      if (!resource.equals(domain.gateway(MCP_PATH).toString())
          || !strings(document.path("authorization_servers")).contains(TestDomain.ISSUER)) {
        return false;
      }
      resourcesDiscovered.add(resource);
      token.set(domain.token("mcp-discovery-" + RUN, "demo-users"));
      return true;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> initialize(String token) throws Exception {
    HttpRequest.Builder request =
        domain
            .request(MCP_PATH)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> challenge(HttpResponse<String> response) {
    String value = response.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(value).startsWith("Bearer ");
    return parameters(value);
  }

  private static Map<String, String> parameters(String challenge) {
    Map<String, String> parameters = new HashMap<>();
    Matcher m = PARAMETER.matcher(challenge);
    while (m.find()) {
      parameters.put(m.group(1), m.group(2));
    }
    return parameters;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new java.util.ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }
}
