package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.connection.AgentSettings;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.exchange.RuleHit;
import jakarta.interceptor.InvocationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The interceptor's wiring of {@link InitializeCapabilities} and {@link ServerRequestFilter}. */
class AgentInspectedServerRequestsTest {

  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{\"sampling\":{},\"roots\":{}},\"clientInfo\":"
          + "{\"name\":\"c\",\"version\":\"1\"}}}";

  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\","
          + "\"arguments\":{}}}";

  private static final String SAMPLING =
      "data: {\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"sampling/createMessage\"}\n\n";

  private static final String RESULT =
      "data: {\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[]}}\n\n";

  private static final Map<String, List<String>> EVENT_STREAM =
      Map.of("content-type", List.of("text/event-stream"));

  private static AgentInspectedInterceptor interceptor(boolean serverRequestsAllowed) {
    UpstreamTarget target =
        new UpstreamTarget(
            "c",
            URI.create("https://backend.example"),
            null,
            null,
            null,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            1_000_000,
            Set.of(),
            1,
            null,
            "TLSv1.2",
            null,
            null,
            1_000_000,
            null,
            null,
            new AgentSettings(
                AgentSettings.Protocol.AUTO,
                AgentSettings.ToolDefault.ALLOW,
                serverRequestsAllowed),
            null);
    AgentInspectedInterceptor interceptor = new AgentInspectedInterceptor();
    interceptor.connections =
        new ConnectionDirectory() {
          @Override
          public Optional<UpstreamTarget> find(String name) {
            return Optional.of(target);
          }
        };
    interceptor.inventory =
        new ToolInventory() {
          @Override
          public void seen(String connectionName, List<ToolDefinition> tools) {}

          @Override
          public void called(String connectionName, String toolName, boolean refused) {}

          @Override
          public boolean quarantined(String connectionName, String toolName) {
            return false;
          }
        };
    interceptor.visibility = (connection, tool, groups) -> true;
    interceptor.judge =
        new ToolJudge() {
          @Override
          public boolean judges(String connectionName) {
            return false;
          }

          @Override
          public Refusal refusal(String connectionName, ToolCall call, Set<String> groups) {
            return null;
          }
        };
    return interceptor;
  }

  private static ProxyExchange exchange(String method, String body) {
    return ProxyExchange.builder()
        .connectionName("c")
        .method(method)
        .path("/mcp")
        .headers(Map.of("content-type", List.of("application/json")))
        .body(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  /** Runs the interceptor with a backend that answers {@code answer}; what it forwarded goes in. */
  private static String run(
      AgentInspectedInterceptor interceptor,
      ProxyExchange exchange,
      String answer,
      AtomicReference<String> forwarded)
      throws Exception {
    return run(interceptor, exchange, EVENT_STREAM, answer, forwarded);
  }

  private static String run(
      AgentInspectedInterceptor interceptor,
      ProxyExchange exchange,
      Map<String, List<String>> headers,
      String answer,
      AtomicReference<String> forwarded)
      throws Exception {
    InvocationContext context =
        (InvocationContext)
            Proxy.newProxyInstance(
                InvocationContext.class.getClassLoader(),
                new Class<?>[] {InvocationContext.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getParameters" -> new Object[] {exchange};
                      case "proceed" -> {
                        forwarded.set(new String(exchange.body(1_000_000), StandardCharsets.UTF_8));
                        yield new ProxyResponse(
                            200,
                            headers,
                            new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
                      }
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    ProxyResponse response = (ProxyResponse) interceptor.inspect(context);
    try (var body = response.body()) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void byDefaultTheInitializeLosesItsInvitationsAndTheServersRequestsAreDropped() throws Exception {
    AgentInspectedInterceptor blocking = interceptor(false);
    AtomicReference<String> forwarded = new AtomicReference<>();

    ProxyExchange initialize = exchange("POST", INITIALIZE);
    run(blocking, initialize, RESULT, forwarded);
    assertThat(forwarded.get()).doesNotContain("sampling").doesNotContain("roots");
    assertThat(initialize.ruleHits())
        .containsExactly(
            new RuleHit(null, "BLOCK", "mcp:client-capability:sampling"),
            new RuleHit(null, "BLOCK", "mcp:client-capability:roots"));

    ProxyExchange call = exchange("POST", CALL);
    assertThat(run(blocking, call, SAMPLING + RESULT, forwarded)).isEqualTo(RESULT);
    assertThat(forwarded.get()).isEqualTo(CALL);
    assertThat(call.ruleHits())
        .containsExactly(new RuleHit(null, "BLOCK", "mcp:server-request:sampling/createMessage"));

    ProxyExchange stream = exchange("GET", "");
    assertThat(run(blocking, stream, SAMPLING, forwarded)).isEmpty();
    assertThat(stream.ruleHits()).hasSize(1);
  }

  @Test
  void aConnectionThatAllowsServerRequestsPassesBothAsTheyCame() throws Exception {
    AgentInspectedInterceptor allowing = interceptor(true);
    AtomicReference<String> forwarded = new AtomicReference<>();

    ProxyExchange initialize = exchange("POST", INITIALIZE);
    run(allowing, initialize, RESULT, forwarded);
    assertThat(forwarded.get()).isEqualTo(INITIALIZE);

    ProxyExchange call = exchange("POST", CALL);
    assertThat(run(allowing, call, SAMPLING + RESULT, forwarded)).isEqualTo(SAMPLING + RESULT);
    assertThat(call.ruleHits()).isEmpty();
  }

  @Test
  void aJsonAnswerCarryingARequestAndAnAnswerInAnotherCharsetEndTheRelay() throws Exception {
    AgentInspectedInterceptor blocking = interceptor(false);
    AtomicReference<String> forwarded = new AtomicReference<>();
    String request = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"elicitation/create\"}";

    ProxyExchange json = exchange("POST", CALL);
    assertThatThrownBy(
            () ->
                run(
                    blocking,
                    json,
                    Map.of("content-type", List.of("application/json")),
                    request,
                    forwarded))
        .isInstanceOf(IOException.class);
    assertThat(json.ruleHits())
        .containsExactly(new RuleHit(null, "BLOCK", "mcp:server-request:elicitation/create"));

    ProxyExchange result = exchange("POST", CALL);
    String answer = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[]}}";
    assertThat(
            run(
                blocking,
                result,
                Map.of("content-type", List.of("application/json")),
                answer,
                forwarded))
        .isEqualTo(answer);

    ProxyExchange wide = exchange("POST", CALL);
    assertThatThrownBy(
            () ->
                run(
                    blocking,
                    wide,
                    Map.of("content-type", List.of("text/event-stream; charset=UTF-16")),
                    RESULT,
                    forwarded))
        .isInstanceOf(IOException.class);
    assertThat(wide.ruleHits())
        .containsExactly(new RuleHit(null, "BLOCK", "mcp:server-request:(unreadable)"));
  }
}
