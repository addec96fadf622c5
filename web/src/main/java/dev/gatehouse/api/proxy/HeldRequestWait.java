package dev.gatehouse.api.proxy;

import dev.gatehouse.api.problem.GatewayRefusalMapper;
import dev.gatehouse.api.problem.UnexpectedExceptionMapper;
import dev.gatehouse.approval.ApprovalGatedInterceptor;
import dev.gatehouse.approval.ApprovalState;
import dev.gatehouse.approval.ApprovalWaiters;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.proxy.ProxyService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code Prefer: wait=N} for a held request. The held exchange ends at once (its audit record says
 * PENDING, 202); the caller's connection then stays open with no thread attached — the JAX-RS
 * request is suspended on a {@link CompletionStage} — until {@link ApprovalWaiters} reports a
 * decision or the wait runs out.
 *
 * <p>On a decision the request is resent through the whole proxy chain as if the caller had sent it
 * again with {@code Gatehouse-Approval}: the same checks, a new audit record ({@code RELEASED}),
 * the approval used exactly once, and the backend's answer (or the refusal of a denied or revoked
 * approval) is what the caller gets. On timeout the caller gets the 202 with {@code
 * Preference-Applied}. In a cluster a decision on another instance is seen by the waiters' poll.
 */
@ApplicationScoped
public class HeldRequestWait {

  @Inject ProxyService proxy;

  @Inject ApprovalWaiters waiters;

  @Resource ManagedExecutorService executor;

  /**
   * Waits up to {@code wait} for a decision on the approval that {@code held} (a 202 of the
   * approval gate) stands for.
   */
  CompletionStage<Response> await(
      ProxyExchange exchange,
      ProxyResponse held,
      String approvalId,
      Duration wait,
      Runnable abortCaller) {
    byte[] accepted = drain(held.body());
    exchange.finishRelay(accepted.length, null);
    String applied = "wait=" + wait.toSeconds();
    return waiters
        .await(approvalId, wait)
        .thenApplyAsync(
            state ->
                state == ApprovalState.PENDING
                    ? timedOut(exchange, held, accepted, applied)
                    : resend(exchange, approvalId, applied, abortCaller),
            executor);
  }

  private static Response timedOut(
      ProxyExchange exchange, ProxyResponse held, byte[] body, String applied) {
    Response.ResponseBuilder builder =
        Response.status(held.status())
            .header(ProxyResource.AUDIT_ID_HEADER, exchange.auditId())
            .header(PreferWait.PREFERENCE_APPLIED, applied);
    held.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    return builder.entity(body).build();
  }

  private Response resend(
      ProxyExchange held, String approvalId, String applied, Runnable abortCaller) {
    Map<String, List<String>> headers = new LinkedHashMap<>(held.headers());
    headers.put(ApprovalGatedInterceptor.APPROVAL_HEADER.toLowerCase(), List.of(approvalId));
    byte[] body = held.bodyIfRead();
    ProxyExchange resent =
        ProxyExchange.builder()
            .connectionName(held.connectionName())
            .path(held.path())
            .rawQuery(held.rawQuery())
            .method(held.method())
            .headers(headers)
            .clientAddress(held.clientAddress())
            .userAgent(held.userAgent())
            .inboundTls(held.inboundTls())
            .requestOrigin(held.requestOrigin())
            .body(new ByteArrayInputStream(body == null ? new byte[0] : body))
            .build();
    try {
      Response response = ProxyResource.render(resent, proxy.forward(resent), abortCaller);
      return Response.fromResponse(response).header(PreferWait.PREFERENCE_APPLIED, applied).build();
    } catch (GatewayRefusal refusal) {
      return new GatewayRefusalMapper().toResponse(refusal);
    } catch (RuntimeException e) {
      return new UnexpectedExceptionMapper().toResponse(e);
    }
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      // The 202 body is the gateway's own bytes in memory; this cannot fail.
      throw new IllegalStateException(e);
    }
  }
}
