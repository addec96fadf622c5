package dev.gatehouse.policy;

import dev.gatehouse.agent.AgentFacts;
import dev.gatehouse.agent.AgentProtocol;
import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.agent.ToolCallHold;
import dev.gatehouse.agent.ToolDefinition;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.InterceptorOrder;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.RuleHit;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Third link of the proxy chain, inside access checking. Guarantees: before anything is forwarded,
 * every enabled deny rule that applies to the connection is matched against the normalised request
 * (method, path, headers, query, and the body read once up to the connection's limit); every match
 * is recorded on the exchange; a {@code BLOCK} match refuses the request with 403 {@code
 * policy_blocked} naming the rule, so the backend never sees it; a rule that could not look at the
 * request counts as a match when the rule blocks or holds (fail closed) and is recorded as {@code
 * NOT_EVALUATED} when it only warns. Where a body rule applies, a body the rules could read
 * differently from the backend is refused first ({@link InspectableBody}: 415). If the rules cannot
 * be loaded or evaluated, the request is refused (503 {@code policy_unavailable}): the denylist
 * fails closed. A body declared JSON that is not (invalid UTF-8, malformed, nested too deep) is
 * refused with 400 {@code invalid_json} before any rule looks at it ({@link JsonBodyCheck}).
 */
@DenylistChecked
@Interceptor
@Priority(InterceptorOrder.DENYLIST_CHECKED)
public class DenylistCheckedInterceptor {

  private static final Logger LOG = Logger.getLogger(DenylistCheckedInterceptor.class.getName());

  @Inject Denylist denylist;

  @Inject ConnectionDirectory connections;

  @Inject
  @ConfigProperty(name = "gatehouse.policy.json-max-depth", defaultValue = "256")
  int jsonMaxDepth;

  @AroundInvoke
  public Object checkDenylist(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    Optional<UpstreamTarget> target = connections.find(exchange.connectionName());
    if (target.isEmpty()) {
      // The proxy answers 404 unknown_connection; there is nothing to forward to.
      return context.proceed();
    }
    byte[] body = exchange.body(target.get().maxRequestBytes());
    if (denylist.inspectsBody(exchange.connectionName())) {
      Optional<GatewayRefusal> uninspectable = InspectableBody.refusal(exchange.headers(), body);
      if (uninspectable.isPresent()) {
        throw uninspectable.get();
      }
    }
    if (JsonBodyCheck.declaresJson(exchange.header("content-type"))) {
      Optional<String> invalid = JsonBodyCheck.problem(body, jsonMaxDepth);
      if (invalid.isPresent()) {
        throw GatewayRefusal.refused(400, "invalid_json", invalid.get());
      }
    }
    Evaluation evaluation;
    try {
      RequestSample sample =
          new RequestSample(
              exchange.method(), exchange.path(), exchange.rawQuery(), exchange.headers(), body);
      evaluation = denylist.evaluate(sample, exchange.connectionName());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Deny rules could not be evaluated; refusing the request", e);
      throw new GatewayRefusal(
          503,
          "policy_unavailable",
          "The policy rules could not be evaluated; nothing was forwarded.",
          Decision.REFUSED);
    }
    for (RuleMatch match : evaluation.matches()) {
      exchange.recordRuleHit(new RuleHit(match.ruleId(), match.action(), match.where()));
    }
    Optional<AgentFacts> facts = exchange.attached(AgentFacts.class);
    if (facts.isPresent()) {
      judgeTools(exchange, target.get(), facts.get());
    }
    Optional<RuleMatch> deciding = evaluation.deciding();
    if (deciding.isPresent()) {
      RuleMatch match = deciding.get();
      if (match.action().equals(RuleAction.BLOCK.name())) {
        throw new PolicyRefusal(
            403, "policy_blocked", match.message(), Decision.BLOCKED, match.ruleId());
      }
      // REQUIRE_APPROVAL: the approval gate further in holds the request for a reviewer.
      exchange.requireApproval(
          "rule " + match.ruleId() + ": " + match.message(), match.approvalsRequired());
    }
    return context.proceed();
  }

  /**
   * The tool rules, on the tool calls a request makes (MCP {@code tools/call}) and the tools it
   * offers a model (OpenAI): a denied call, or an offered tool every call of which is denied,
   * refuses the request (403 {@code tool_denied}); a call a rule holds waits for a reviewer, bound
   * to exactly that call.
   */
  private void judgeTools(ProxyExchange exchange, UpstreamTarget target, AgentFacts facts) {
    String connection = exchange.connectionName();
    var fallback = target.agent().toolDefault();
    Set<String> groups =
        exchange.caller() == null ? Set.of() : Set.copyOf(exchange.caller().groups());
    for (ToolDefinition offered : facts.toolsOffered()) {
      if (!denylist.toolVisible(offered.name(), connection, groups, fallback)) {
        exchange.recordRuleHit(new RuleHit(null, "BLOCK", "tool:" + offered.name()));
        throw new PolicyRefusal(
            403,
            "tool_denied",
            "The request offers the tool "
                + offered.name()
                + ", which is not allowed for you on this connection.",
            Decision.BLOCKED,
            null);
      }
    }
    for (ToolCall call : facts.toolCalls()) {
      ToolVerdict verdict = denylist.judgeTool(call, connection, groups, fallback);
      for (RuleMatch match : verdict.matches()) {
        exchange.recordRuleHit(new RuleHit(match.ruleId(), match.action(), match.where()));
      }
      RuleMatch deciding = verdict.deciding();
      switch (verdict.effect()) {
        case DENY -> {
          if (deciding == null) {
            exchange.recordRuleHit(new RuleHit(null, "BLOCK", "tool:" + call.name() + ":default"));
          }
          PolicyRefusal denied =
              new PolicyRefusal(
                  403,
                  "tool_denied",
                  deciding == null
                      ? "The tool " + call.name() + " is not allowed on this connection."
                      : deciding.message(),
                  Decision.BLOCKED,
                  deciding == null ? null : deciding.ruleId());
          if (facts.protocol() == AgentProtocol.MCP) {
            denied.answeredInBand();
          }
          throw denied;
        }
        case APPROVE -> {
          exchange.requireApproval(
              "tool " + call.name() + " (rule " + deciding.ruleName() + ")",
              deciding.approvalsRequired());
          exchange.attach(
              ToolCallHold.class,
              new ToolCallHold(
                  call,
                  deciding.ruleId(),
                  verdict.ruleVersion(),
                  facts.protocol() == AgentProtocol.MCP));
        }
        case ALLOW -> {}
      }
    }
  }
}
