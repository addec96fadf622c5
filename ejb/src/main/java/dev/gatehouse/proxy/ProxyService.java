package dev.gatehouse.proxy;

import dev.gatehouse.agent.AgentInspected;
import dev.gatehouse.approval.ApprovalGated;
import dev.gatehouse.audit.Audited;
import dev.gatehouse.budget.Budgeted;
import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.identity.AccessChecked;
import dev.gatehouse.policy.DenylistChecked;
import dev.gatehouse.policy.Masked;
import dev.gatehouse.ratelimit.RateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Forwards one exchange to its connection's backend, through the policy chain bound here.
 *
 * <p>A CDI bean rather than a stateless EJB on purpose: the call spans a network round trip to the
 * backend, and must hold neither a container transaction nor a pooled bean while it waits. The
 * audit wing commits its own short transactions.
 */
@ApplicationScoped
public class ProxyService {

  @Inject ConnectionDirectory connections;

  @Inject UpstreamClient upstream;

  /**
   * Forwards the exchange and returns the backend's response, whose body the caller must relay and
   * then report with {@link ProxyExchange#finishRelay}.
   *
   * @throws GatewayRefusal when the gateway refuses or the backend fails
   */
  @Audited
  @AccessChecked
  @RateLimited
  @AgentInspected
  @Budgeted
  @DenylistChecked
  @ApprovalGated
  @Masked
  public ProxyResponse forward(ProxyExchange exchange) {
    RequestPathGuard.check(exchange.path());
    UpstreamTarget target =
        connections
            .find(exchange.connectionName())
            .orElseThrow(
                () ->
                    GatewayRefusal.refused(
                        404, "unknown_connection", "No connection is registered by that name."));
    exchange.forwarding(Decision.ALLOWED);
    return upstream.send(target, exchange);
  }
}
