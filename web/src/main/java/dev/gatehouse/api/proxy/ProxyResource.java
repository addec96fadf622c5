package dev.gatehouse.api.proxy;

import dev.gatehouse.api.http.CallerConnectionAbort;
import dev.gatehouse.api.http.RequestOrigin;
import dev.gatehouse.approval.ApprovalConfiguration;
import dev.gatehouse.exchange.BodyMemory;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.exchange.TlsFacts;
import dev.gatehouse.proxy.ProxyService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code /gw/{connection}/{path…}}: any method, relayed to the connection's backend.
 *
 * <p>Only translates: the raw (still percent-encoded) path and query are taken from the servlet
 * request so that what reaches the backend is what the caller sent; every decision is made inside
 * the audited {@link ProxyService#forward} chain, so that even a refused request leaves its record.
 */
@Path("gw/{connection}{path: (/.*)?}")
@RequestScoped
public class ProxyResource {

  private static final String PREFIX = "/gw/";

  /** Names the audit record of a relayed request, so callers can quote it to an auditor. */
  static final String AUDIT_ID_HEADER = "Gatehouse-Audit-Id";

  @Inject ProxyService proxy;

  @Inject HeldRequestWait heldRequestWait;

  @Inject ApprovalConfiguration approvalConfig;

  @Context HttpServletRequest request;

  @Inject BodyMemory bodyMemory;

  @Context HttpHeaders headers;

  @GET
  public Object get(InputStream body) {
    return relay(body);
  }

  @POST
  public Object post(InputStream body) {
    return relay(body);
  }

  @PUT
  public Object put(InputStream body) {
    return relay(body);
  }

  @PATCH
  public Object patch(InputStream body) {
    return relay(body);
  }

  @DELETE
  public Object delete(InputStream body) {
    return relay(body);
  }

  @HEAD
  public Object head(InputStream body) {
    return relay(body);
  }

  @OPTIONS
  public Object options(InputStream body) {
    return relay(body);
  }

  /**
   * The request's headers as the caller sent them. Payara's listener writes its own HSTS setting
   * among every request's headers; {@code Strict-Transport-Security} is a response header no caller
   * sends, and the transcript, the rules and the backend must not see it as sent.
   */
  private static Map<String, List<String>> sentByCaller(Map<String, List<String>> received) {
    Map<String, List<String>> sent = new java.util.LinkedHashMap<>(received);
    sent.keySet().removeIf(name -> name.equalsIgnoreCase("strict-transport-security"));
    return sent;
  }

  /**
   * Relays the exchange. Returns a {@link Response}, or — when a held request's caller asked to
   * wait ({@code Prefer: wait}) — a {@code CompletionStage<Response>}, for which Jersey suspends
   * the request without holding its thread (it checks the returned entity at run time).
   */
  private Object relay(InputStream body) {
    String target = request.getRequestURI().substring(request.getContextPath().length());
    String rest = target.startsWith(PREFIX) ? target.substring(PREFIX.length()) : target;
    int slash = rest.indexOf('/');
    ProxyExchange exchange =
        ProxyExchange.builder()
            .connectionName(slash < 0 ? rest : rest.substring(0, slash))
            .path(slash < 0 ? "" : rest.substring(slash))
            .rawQuery(request.getQueryString())
            .method(request.getMethod())
            .headers(sentByCaller(headers.getRequestHeaders()))
            .clientAddress(request.getRemoteAddr())
            .userAgent(request.getHeader("User-Agent"))
            .inboundTls(
                TlsFacts.fromInboundCipherSuite(
                    (String) request.getAttribute("jakarta.servlet.request.cipher_suite")))
            .requestOrigin(RequestOrigin.of(request))
            .body(body)
            .bodyMemory(bodyMemory)
            .build();
    ProxyResponse response = proxy.forward(exchange);
    // Only the approval gate's own 202 (never a backend's) may start a wait.
    String heldId =
        exchange.decision() == Decision.PENDING ? first(response, "gatehouse-approval") : null;
    if (heldId != null) {
      Duration wait =
          PreferWait.requested(headers.getRequestHeader("Prefer"), approvalConfig.maxWait());
      if (!wait.isZero()) {
        return heldRequestWait.await(
            exchange, response, heldId, wait, CallerConnectionAbort.of(request));
      }
    }
    return render(exchange, response, CallerConnectionAbort.of(request));
  }

  /** The JAX-RS response relaying a proxy response (its body streamed by {@link RelayedBody}). */
  static Response render(ProxyExchange exchange, ProxyResponse response, Runnable abortCaller) {
    Response.ResponseBuilder builder =
        Response.status(response.status()).header(AUDIT_ID_HEADER, exchange.auditId());
    response.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    if (!carriesBody(exchange.method(), response.status())) {
      closeQuietly(response.body());
      exchange.finishRelay(0, null);
      return builder.build();
    }
    return builder.entity(new RelayedBody(response.body(), exchange, abortCaller)).build();
  }

  private static String first(ProxyResponse response, String header) {
    List<String> values = response.headers().get(header);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static boolean carriesBody(String method, int status) {
    return !"HEAD".equals(method) && status != 204 && status != 304 && status >= 200;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Nothing was to be read; the connection returns to the pool or is dropped.
    }
  }
}
