package dev.gatehouse.audit;

import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.InterceptorOrder;
import dev.gatehouse.exchange.ProxyExchange;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Outermost link of the proxy chain. Guarantees: (1) the exchange's audit record is durable before
 * anything further in runs, so nothing can be forwarded unaudited — if the record cannot be written
 * the request is refused with 503 {@code audit_unavailable}; (2) every refusal raised further in
 * completes the record before it propagates, and carries the record's id to the problem document;
 * (3) an exchange that ends normally completes its record when the response has been relayed.
 *
 * <p>Assumes the intercepted method's first parameter is the {@link ProxyExchange}.
 */
@Audited
@Interceptor
@Priority(InterceptorOrder.AUDITED)
public class AuditedInterceptor {

  private static final Logger LOG = Logger.getLogger(AuditedInterceptor.class.getName());

  @Inject AuditService audit;

  @AroundInvoke
  public Object recordExchange(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    try {
      exchange.recordedAs(audit.begin(exchange));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Audit store unavailable; refusing the request", e);
      throw GatewayRefusal.refused(
          503, "audit_unavailable", "The audit trail cannot be written; nothing was forwarded.");
    }
    exchange.onCompletion(this::completeQuietly);
    try {
      return context.proceed();
    } catch (GatewayRefusal refusal) {
      refusal.recordedAs(exchange.auditId());
      exchange.refuse(refusal);
      throw refusal;
    } catch (RuntimeException e) {
      GatewayRefusal internal =
          GatewayRefusal.upstreamError(
              500, "internal_error", "The gateway failed while handling the request.", e);
      internal.recordedAs(exchange.auditId());
      exchange.refuse(internal);
      throw internal;
    }
  }

  private void completeQuietly(ProxyExchange exchange) {
    try {
      audit.complete(exchange);
    } catch (RuntimeException e) {
      // The request is already answered; a record left STARTED shows as INTERRUPTED.
      LOG.log(Level.SEVERE, "Completing audit record " + exchange.auditId() + " failed", e);
    }
  }
}
