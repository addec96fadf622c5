package dev.gatehouse.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.agent.AgentAnswer;
import dev.gatehouse.agent.AgentFacts;
import dev.gatehouse.agent.AgentProtocol;
import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.connection.AgentSettings;
import dev.gatehouse.connection.ApprovalSettings;
import dev.gatehouse.connection.BudgetSettings;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.RateLimitSettings;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.ratelimit.RateLimitConfiguration;
import jakarta.interceptor.InvocationContext;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The interceptor on one connection with budgets, the chain further in played by a lambda. */
class BudgetedInterceptorTest {

  private static final String CALL_RESULT =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"42\"}]}}";

  private BudgetSettings settings =
      new BudgetSettings(null, 2, 100L, 3600, (long) CALL_RESULT.length());
  private final AtomicInteger forwarded = new AtomicInteger();
  private final BudgetedInterceptor interceptor = new BudgetedInterceptor();

  BudgetedInterceptorTest() {
    interceptor.ledger = BudgetLedger.over(BudgetCounters.local());
    interceptor.rateLimits = new RateLimitConfiguration();
    interceptor.connections =
        new ConnectionDirectory() {
          @Override
          public Optional<UpstreamTarget> find(String name) {
            return Optional.of(target(settings));
          }
        };
  }

  private static UpstreamTarget target(BudgetSettings budgets) {
    return new UpstreamTarget(
        "agent",
        URI.create("https://agent.internal"),
        null,
        null,
        null,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        1024,
        java.util.Set.of(),
        1,
        null,
        "TLSv1.2",
        null,
        null,
        Long.MAX_VALUE,
        ApprovalSettings.NONE,
        RateLimitSettings.DEFAULTS,
        AgentSettings.DEFAULTS,
        budgets);
  }

  private static ProxyExchange exchange(AgentFacts facts) {
    ProxyExchange exchange =
        ProxyExchange.builder().connectionName("agent").method("POST").path("/mcp").build();
    exchange.identifiedAs(new CallerIdentity("alice", List.of("demo-users"), null));
    exchange.attach(AgentFacts.class, facts);
    return exchange;
  }

  private static AgentFacts toolCall(String session) {
    return new AgentFacts(
        AgentProtocol.MCP,
        null,
        "tools/call",
        session,
        List.of(),
        List.of(new ToolCall("calculator", "0".repeat(64))),
        "7");
  }

  private static final AgentFacts CHAT =
      new AgentFacts(AgentProtocol.OPENAI, "demo-react-1", null, null, List.of(), List.of(), null);

  private Object run(ProxyExchange exchange, Callable<ProxyResponse> chain) throws Exception {
    return interceptor.budget(new Context(exchange, chain));
  }

  private ProxyResponse answer(String contentType, String body) {
    forwarded.incrementAndGet();
    return new ProxyResponse(
        200,
        Map.of("content-type", List.of(contentType)),
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String body(Object response) throws Exception {
    return new String(((ProxyResponse) response).body().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void theThirdToolCallOfTheWindowIsRefusedInBandAndNeverForwarded() throws Exception {
    settings = new BudgetSettings(null, 2, null, 3600, null);
    for (int i = 0; i < 2; i++) {
      run(exchange(toolCall("s1")), () -> answer("application/json", CALL_RESULT));
    }
    assertThatThrownBy(
            () -> run(exchange(toolCall("s2")), () -> answer("application/json", CALL_RESULT)))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.status()).isEqualTo(429);
              assertThat(r.reason()).isEqualTo("tool_call_budget_exceeded");
              assertThat(r.inBand()).isTrue();
              assertThat(r.headers()).containsKey("Retry-After");
            });
    assertThat(forwarded).hasValue(2);
  }

  @Test
  void aCallTheRulesRefuseIsTakenBackOneThatFailedUpstreamIsNot() throws Exception {
    settings = new BudgetSettings(1, null, null, null, null);
    GatewayRefusal denied = new GatewayRefusal(403, "tool_denied", "no", Decision.BLOCKED);
    assertThatThrownBy(
            () ->
                run(
                    exchange(toolCall("s1")),
                    () -> {
                      throw denied;
                    }))
        .isSameAs(denied);
    GatewayRefusal failed = GatewayRefusal.upstreamError(504, "upstream_timeout", "slow", null);
    assertThatThrownBy(
            () ->
                run(
                    exchange(toolCall("s1")),
                    () -> {
                      throw failed;
                    }))
        .isSameAs(failed);
    assertThatThrownBy(
            () -> run(exchange(toolCall("s1")), () -> answer("application/json", CALL_RESULT)))
        .hasFieldOrPropertyWithValue("reason", "tool_call_budget_exceeded");
  }

  @Test
  void tokensReportedByAnAnswerAreCountedWhenItEndsAndRefuseTheNextRequest() throws Exception {
    settings = new BudgetSettings(null, null, 100L, 3600, null);
    ProxyExchange first = exchange(CHAT);
    run(first, () -> answer("application/json", "{}"));
    first.attach(AgentAnswer.class, new AgentAnswer(60L, 50L, null));
    first.finishRelay(2, null);

    // A request on its way when the budget was spent is not cut.
    assertThatThrownBy(() -> run(exchange(CHAT), () -> answer("application/json", "{}")))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.status()).isEqualTo(429);
              assertThat(r.reason()).isEqualTo("token_budget_exceeded");
              assertThat(r.inBand()).isFalse();
            });
    // MCP spends no tokens and is not held to them.
    run(exchange(toolCall("s1")), () -> answer("application/json", CALL_RESULT));
  }

  @Test
  void aWholeToolAnswerWithinTheLimitPassesAndALongerOneIsRefusedInItsPlace() throws Exception {
    settings = new BudgetSettings(null, null, null, null, (long) CALL_RESULT.length());
    assertThat(body(run(exchange(toolCall("s1")), () -> answer("application/json", CALL_RESULT))))
        .isEqualTo(CALL_RESULT);

    String longer = CALL_RESULT.replace("42", "420");
    assertThatThrownBy(
            () -> run(exchange(toolCall("s1")), () -> answer("application/json", longer)))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.reason()).isEqualTo("tool_result_too_large");
              assertThat(r.decision()).isEqualTo(Decision.BLOCKED);
              assertThat(r.inBand()).isTrue();
            });
  }

  @Test
  void aStreamedToolAnswerIsCutWithAJsonRpcErrorForTheCall() throws Exception {
    String event = "event: message\ndata: " + CALL_RESULT.replace("42", "420") + "\n\n";
    settings = new BudgetSettings(null, null, null, null, 10L);
    ProxyExchange exchange = exchange(toolCall("s1"));
    exchange.recordedAs("audit-1");
    exchange.forwarding(Decision.ALLOWED);

    String relayed = body(run(exchange, () -> answer("text/event-stream", event)));

    assertThat(relayed)
        .startsWith("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":7,\"error\":")
        .contains("\"code\":-32001")
        .contains("\"reason\":\"tool_result_too_large\"")
        .contains("\"auditId\":\"audit-1\"")
        .endsWith("}\n\n")
        .doesNotContain("420");
    assertThat(exchange.decision()).isEqualTo(Decision.BLOCKED);
    assertThat(exchange.reason()).isEqualTo("tool_result_too_large");
  }

  @Test
  void withoutBudgetsTheExchangeIsNotTouched() throws Exception {
    settings = BudgetSettings.NONE;
    ProxyResponse response = answer("application/json", CALL_RESULT);
    assertThat(run(exchange(toolCall("s1")), () -> response)).isSameAs(response);
  }

  /** The chain further in. */
  private record Context(ProxyExchange exchange, Callable<ProxyResponse> chain)
      implements InvocationContext {

    @Override
    public Object[] getParameters() {
      return new Object[] {exchange};
    }

    @Override
    public Object proceed() throws Exception {
      return chain.call();
    }

    @Override
    public Object getTarget() {
      return null;
    }

    @Override
    public Object getTimer() {
      return null;
    }

    @Override
    public Method getMethod() {
      return null;
    }

    @Override
    public Constructor<?> getConstructor() {
      return null;
    }

    @Override
    public void setParameters(Object[] params) {}

    @Override
    public Map<String, Object> getContextData() {
      return new HashMap<>();
    }
  }
}
