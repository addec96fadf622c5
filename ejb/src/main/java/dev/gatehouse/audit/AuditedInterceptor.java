package dev.gatehouse.audit;

import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.InterceptorOrder;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
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
 * completes the record, and carries the record's id to the problem document; (3) an exchange that
 * ends normally completes its record, with the response transcript teed from the relayed stream.
 * Completion is queued when the exchange ends and committed with the next group commit, after the
 * caller's response has ended (the caller does not wait for it): a crash in that window leaves the
 * write-ahead record, which the next start marks {@code INTERRUPTED} — never a forwarded request
 * without a record.
 *
 * <p>Connections listed in {@code gatehouse.audit.unaudited-connections} (benchmarking only, see
 * {@link UnauditedConnections}) pass straight through.
 *
 * <p>Assumes the intercepted method's first parameter is the {@link ProxyExchange} and that it
 * returns the {@link ProxyResponse} to relay.
 */
@Audited
@Interceptor
@Priority(InterceptorOrder.AUDITED)
public class AuditedInterceptor {

  private static final Logger LOG = Logger.getLogger(AuditedInterceptor.class.getName());

  @Inject AuditService audit;

  @Inject UnauditedConnections unaudited;

  @AroundInvoke
  public Object recordExchange(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    if (unaudited.contains(exchange.connectionName())) {
      return context.proceed();
    }
    try {
      exchange.recordedAs(audit.begin(exchange));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Audit store unavailable; refusing the request", e);
      throw GatewayRefusal.refused(
          503, "audit_unavailable", "The audit trail cannot be written; nothing was forwarded.");
    }
    ResponseRecording recording = audit.recording();
    exchange.onCompletion(ended -> completeQuietly(ended, recording));
    try {
      Object result = context.proceed();
      return result instanceof ProxyResponse response ? recording.tap(response) : result;
    } catch (GatewayRefusal refusal) {
      refusal.recordedAs(exchange.auditId());
      exchange.refuse(refusal);
      throw refusal;
    } catch (RuntimeException e) {
      GatewayRefusal internal =
          storeFailure(e)
              ? GatewayRefusal.upstreamError(
                  503, "store_unavailable", "The gateway's database cannot be reached.", e)
              : GatewayRefusal.upstreamError(
                  500, "internal_error", "The gateway failed while handling the request.", e);
      internal.recordedAs(exchange.auditId());
      exchange.refuse(internal);
      throw internal;
    }
  }

  /** A failure of the database (the record was begun, a later read failed): 503, not 500. */
  private static boolean storeFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException
          || t instanceof jakarta.persistence.PersistenceException
          // EclipseLink's own, not a PersistenceException; named so no compile dependency is needed
          || t.getClass()
              .getName()
              .equals("org.eclipse.persistence.exceptions.DatabaseException")) {
        return true;
      }
    }
    return false;
  }

  private void completeQuietly(ProxyExchange exchange, ResponseRecording recording) {
    try {
      audit.complete(exchange, recording);
    } catch (RuntimeException e) {
      // The request is already answered; a record left STARTED shows as INTERRUPTED.
      LOG.log(Level.SEVERE, "Completing audit record " + exchange.auditId() + " failed", e);
    }
  }
}
