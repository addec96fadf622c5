package dev.gatehouse.approval;

import dev.gatehouse.agent.ToolCallHold;
import dev.gatehouse.agent.ToolInventory;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.InterceptorOrder;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.platform.Jsonp;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Link of the proxy chain inside access and denylist checks. Guarantees: a request that needs
 * approval — its connection requires it, its method is listed in {@code
 * gatehouse.approval.methods}, or a rule further out called {@link ProxyExchange#requireApproval} —
 * is never forwarded without one. Without a {@value #APPROVAL_HEADER} header it is held (sealed)
 * and answered {@code 202} with the approval's id; with one, it is forwarded only if that approval
 * is this caller's, matches the request exactly (end-to-end headers included), is approved,
 * unexpired and unused — and then the approval is used up before the backend is contacted. A
 * request that would be held passes instead while its caller holds an active grant for the
 * connection (audited as released by that grant) — unless the hold needs more than one reviewer: a
 * grant never covers that ({@link ApprovalGrant#covers}).
 *
 * <p>The 202 is an answer, not an error, so it is returned as a {@link ProxyResponse} relayed like
 * a backend's (audited as {@link Decision#PENDING}, status 202), not thrown as a refusal.
 *
 * <p>Assumes the caller is already authenticated (the access check runs first).
 */
@ApprovalGated
@Interceptor
@Priority(InterceptorOrder.APPROVAL_GATED)
public class ApprovalGatedInterceptor {

  /** The header a caller resends an approved request with. */
  public static final String APPROVAL_HEADER = "Gatehouse-Approval";

  /** Where a caller asks about an approval: {@code /api/v1/approvals/{id}/status}. */
  public static final String STATUS_PATH = "/api/v1/approvals/%s/status";

  @Inject ConnectionDirectory connections;

  @Inject ApprovalService approvals;

  @Inject ApprovalConfiguration config;

  @Inject GrantService grants;

  @Inject ToolInventory inventory;

  @AroundInvoke
  public Object gate(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    Optional<UpstreamTarget> found = connections.find(exchange.connectionName());
    if (found.isEmpty()) {
      return context.proceed();
    }
    UpstreamTarget target = found.get();
    String approvalId = exchange.header(APPROVAL_HEADER);
    if (approvalId != null) {
      approvals.release(
          approvalId.strip(), exchange, target, exchange.body(target.maxRequestBytes()));
      Object response = context.proceed();
      exchange.released("approval:" + approvalId.strip());
      return response;
    }
    String why = whyHold(exchange, target);
    if (why == null) {
      return context.proceed();
    }
    Optional<ToolCallHold> toolHold = exchange.attached(ToolCallHold.class);
    if (toolHold.isPresent()) {
      return gateToolCall(context, exchange, target, toolHold.get(), why);
    }
    // A grant is one reviewer's word: it never stands in for a hold that needs several.
    Optional<ApprovalGrant> grant =
        ApprovalGrant.covers(approvals.approvalsRequired(exchange, target))
            ? grants.use(exchange.caller().subject(), exchange.connectionName())
            : Optional.empty();
    if (grant.isPresent()) {
      Object response = context.proceed();
      exchange.released("grant:" + grant.get().getId());
      return response;
    }
    Approval held = approvals.hold(exchange, target, exchange.body(target.maxRequestBytes()), why);
    exchange.answeredByGateway(202, Decision.PENDING, "approval_pending");
    return accepted(held);
  }

  /**
   * A tool call a tool rule holds: released only by an approval bound to exactly this call (caller,
   * connection, tool, canonical-argument digest, rule and rule version), once; otherwise held — or,
   * while a hold of the identical call is pending, pointed at that one rather than held again. An
   * MCP caller reads the hold as a JSON-RPC error naming the approval and where to ask about it,
   * and repeats the call once it is approved.
   */
  private Object gateToolCall(
      InvocationContext context,
      ProxyExchange exchange,
      UpstreamTarget target,
      ToolCallHold hold,
      String why)
      throws Exception {
    Optional<Approval> bound =
        approvals.findToolCall(exchange.caller().subject(), exchange.connectionName(), hold);
    if (bound.isPresent()
        && bound.get().stateAt(Instant.now()) == ApprovalState.APPROVED
        && approvals.releaseToolCall(bound.get(), exchange)) {
      Object response = context.proceed();
      exchange.released("approval:" + bound.get().getId());
      return response;
    }
    Optional<ApprovalGrant> grant =
        ApprovalGrant.covers(approvals.approvalsRequired(exchange, target))
            ? grants.use(exchange.caller().subject(), exchange.connectionName())
            : Optional.empty();
    if (grant.isPresent()) {
      Object response = context.proceed();
      exchange.released("grant:" + grant.get().getId());
      return response;
    }
    Approval held =
        bound
            .filter(a -> a.stateAt(Instant.now()) == ApprovalState.PENDING)
            .orElseGet(
                () ->
                    approvals.holdToolCall(
                        exchange,
                        target,
                        exchange.body(target.maxRequestBytes()),
                        why,
                        hold,
                        inventory.description(exchange.connectionName(), hold.call().name())));
    if (!hold.jsonRpc()) {
      exchange.answeredByGateway(202, Decision.PENDING, "approval_pending");
      return accepted(held);
    }
    throw new GatewayRefusal(
            202,
            "approval_pending",
            "The call of the tool "
                + hold.call().name()
                + " waits for a reviewer; repeat it unchanged once approval "
                + held.getId()
                + " is approved.",
            Decision.PENDING)
        .withDetail("approvalId", held.getId())
        .withDetail("statusUrl", String.format(STATUS_PATH, held.getId()))
        .withDetail("expiresAt", held.getExpiresAt().toString())
        .answeredInBand();
  }

  private String whyHold(ProxyExchange exchange, UpstreamTarget target) {
    if (exchange.approvalReason() != null) {
      return exchange.approvalReason();
    }
    if (target.approval().required()) {
      return "connection requires approval";
    }
    if (config.gatedMethods().contains(exchange.method())) {
      return "method " + exchange.method() + " requires approval";
    }
    return null;
  }

  private static ProxyResponse accepted(Approval held) {
    String statusUrl = String.format(STATUS_PATH, held.getId());
    String json =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("approvalId", held.getId())
            .add("status", ApprovalState.PENDING.name())
            .add("expiresAt", held.getExpiresAt().toString())
            .add("statusUrl", statusUrl)
            .build()
            .toString();
    return new ProxyResponse(
        202,
        Map.of(
            "content-type", List.of("application/json"),
            "location", List.of(statusUrl),
            "gatehouse-approval", List.of(held.getId())),
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }
}
