package dev.gatehouse.budget;

import dev.gatehouse.agent.AgentAnswer;
import dev.gatehouse.agent.AgentFacts;
import dev.gatehouse.agent.AgentProtocol;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.InterceptorOrder;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.platform.Jsonp;
import dev.gatehouse.ratelimit.RateLimitConfiguration;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Holds each caller to the agent budgets of the connection ({@link BudgetLedger}). Runs inside the
 * agent floor, which has read the request (its protocol, MCP tool calls and session) and renders a
 * refusal of an MCP POST as a JSON-RPC error, and outside the rules and approvals, so that a call
 * they refuse can be taken back. Guarantees, on a connection with budgets:
 *
 * <ul>
 *   <li>an MCP {@code tools/call} over the caller's window or session budget is never forwarded:
 *       refused with 429 {@code tool_call_budget_exceeded}, answered in band (a JSON-RPC error in
 *       an HTTP 200, as a declined tool call), and not counted; a call that the rules or an
 *       approval then refuse is taken back;
 *   <li>a request other than MCP while the caller's tokens for the window are spent is refused with
 *       429 {@code token_budget_exceeded}; the tokens an answer reports are counted when it ends;
 *   <li>no more than the limit of the answer to an MCP {@code tools/call} reaches the caller: a
 *       whole answer is read up to the limit before a byte is relayed and, if longer, refused in
 *       its place ({@code tool_result_too_large}); a stream is relayed event by event and cut
 *       before the event that would pass the limit, ending with a JSON-RPC error for the call.
 * </ul>
 *
 * Every refusal is thrown inside the audited chain, so it leaves its audit record with its reason.
 */
@Budgeted
@Interceptor
@Priority(InterceptorOrder.BUDGETED)
public class BudgetedInterceptor {

  static final String TOO_LARGE = "tool_result_too_large";

  /** The JSON-RPC code of a refusal by the gateway, as the agent floor answers it. */
  static final int REFUSED_BY_GATEWAY = -32001;

  @Inject ConnectionDirectory connections;

  @Inject RateLimitConfiguration rateLimits;

  @Inject BudgetLedger ledger;

  @AroundInvoke
  public Object budget(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    Optional<UpstreamTarget> target = connections.find(exchange.connectionName());
    if (target.isEmpty() || !target.get().budgets().any()) {
      return context.proceed();
    }
    Budget budget =
        Budget.of(
            target.get().budgets(),
            rateLimits.effective(target.get().rateLimits()).intervalSeconds());
    String connection = exchange.connectionName();
    String caller = exchange.caller().subject();
    AgentFacts facts = exchange.attached(AgentFacts.class).orElse(AgentFacts.HTTP);
    boolean mcpPost = facts.protocol() == AgentProtocol.MCP && exchange.method().equals("POST");
    Instant now = Instant.now();

    // Tokens are what a model spends; MCP requests spend none, so they are not held to them.
    if (budget.tokensPerWindow() > 0 && facts.protocol() != AgentProtocol.MCP) {
      ledger.checkTokens(connection, caller, budget, now);
      exchange.onCompletion(
          ended ->
              ended
                  .attached(AgentAnswer.class)
                  .ifPresent(
                      answer ->
                          ledger.spendTokens(
                              connection, caller, tokens(answer), budget, Instant.now())));
    }
    BudgetLedger.Charge charge = null;
    if (mcpPost && !facts.toolCalls().isEmpty()) {
      try {
        charge =
            ledger.chargeToolCalls(
                connection, caller, facts.mcpSessionId(), facts.toolCalls().size(), budget, now);
      } catch (GatewayRefusal refusal) {
        // The answer to a well-formed call the gateway declines, which MCP clients read as such.
        throw refusal.answeredInBand();
      }
    }
    ProxyResponse response;
    try {
      response = (ProxyResponse) context.proceed();
    } catch (GatewayRefusal refusal) {
      // Refused by a rule or held for approval: the call did not run. A backend failure may
      // have come after it ran, so it stays counted.
      if (charge != null && refusal.decision() != Decision.ERROR) {
        charge.refund();
      }
      throw refusal;
    }
    if (mcpPost
        && budget.maxToolResultBytes() > 0
        && "tools/call".equals(facts.mcpMethod())
        && response.status() == 200) {
      return limited(exchange, facts, response, budget.maxToolResultBytes());
    }
    return response;
  }

  private static long tokens(AgentAnswer answer) {
    return (answer.inputTokens() == null ? 0 : answer.inputTokens())
        + (answer.outputTokens() == null ? 0 : answer.outputTokens());
  }

  /** The answer to a tool call, no longer than {@code limit} bytes as the caller receives it. */
  private static ProxyResponse limited(
      ProxyExchange exchange, AgentFacts facts, ProxyResponse response, long limit)
      throws IOException {
    String detail =
        "The tool's answer is longer than the " + limit + " bytes this connection relays.";
    if (isEventStream(response)) {
      byte[] cutEvent = cutEvent(facts.jsonRpcId(), detail, exchange.auditId());
      return response.withBody(
          new ToolResultCutter(
              response.body(), limit, cutEvent, () -> exchange.cutByGateway(TOO_LARGE)));
    }
    byte[] whole;
    try (InputStream in = response.body()) {
      whole = in.readNBytes((int) limit + 1);
    }
    if (whole.length > limit) {
      // Nothing is relayed yet, so the refusal takes the answer's place, in band like the call's.
      throw new GatewayRefusal(502, TOO_LARGE, detail, Decision.BLOCKED).answeredInBand();
    }
    return response.withBody(new ByteArrayInputStream(whole));
  }

  /** The event that ends a cut stream: a JSON-RPC error answering the call. */
  static byte[] cutEvent(String rawId, String detail, String auditId) {
    JsonObjectBuilder data =
        Jsonp.PROVIDER.createObjectBuilder().add("reason", TOO_LARGE).add("status", 502);
    if (auditId != null) {
      data.add("auditId", auditId);
    }
    String message =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", id(rawId))
            .add(
                "error",
                Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("code", REFUSED_BY_GATEWAY)
                    .add("message", detail)
                    .add("data", data))
            .build()
            .toString();
    return ("event: message\ndata: " + message + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private static JsonValue id(String rawId) {
    if (rawId == null) {
      return JsonValue.NULL;
    }
    try (var reader = Jsonp.PROVIDER.createReader(new StringReader(rawId))) {
      return reader.readValue();
    }
  }

  private static boolean isEventStream(ProxyResponse response) {
    List<String> types = response.headers().getOrDefault("content-type", List.of());
    return !types.isEmpty()
        && types.get(0).strip().toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }
}
