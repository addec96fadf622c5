package dev.gatehouse.identity;

import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.InterceptorOrder;
import dev.gatehouse.exchange.ProxyExchange;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Second link of the proxy chain, inside auditing. Guarantees: nothing further in runs unless the
 * request carries a bearer token that {@link TokenVerifier} accepts (else 401 with a {@link
 * BearerChallenge} — {@code error="invalid_token"} when a token was offered — and the rejection's
 * reason); a token offered in the query string is refused outright; a caller none of whose groups
 * the connection allows is refused with 403 {@code connection_not_allowed}. The verified caller is
 * put on the exchange, so the audit record names them — and, when only a claim failed, names who
 * tried.
 *
 * <p>Every 401 of the gateway names the resource's {@link ProtectedResourceMetadata} ({@code
 * resource_metadata}), whatever the protocol: an MCP client needs it to log in, and any other
 * client may ignore it.
 *
 * <p>An unknown connection is passed on (the proxy answers 404) only after authentication, so
 * anonymous callers cannot probe which connections exist.
 */
@AccessChecked
@Interceptor
@Priority(InterceptorOrder.ACCESS_CHECKED)
public class AccessCheckedInterceptor {

  /** {@link TokenVerifier}'s reason when the request carried no bearer token at all. */
  private static final String NO_TOKEN = "missing_token";

  private static final Pattern TOKEN_IN_QUERY =
      Pattern.compile("(^|&)(access_token|id_token)=", Pattern.CASE_INSENSITIVE);

  @Inject TokenVerifier verifier;

  @Inject ConnectionDirectory connections;

  @Inject ProtectedResourceMetadata resourceMetadata;

  @AroundInvoke
  public Object checkAccess(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    if (exchange.rawQuery() != null && TOKEN_IN_QUERY.matcher(exchange.rawQuery()).find()) {
      throw unauthorized(
          exchange,
          "token_in_query",
          "Tokens in the query string are refused: use the Authorization header.");
    }
    CallerIdentity caller;
    try {
      caller = verifier.verifyAuthorization(exchange.header("authorization"));
    } catch (TokenRejected rejected) {
      if (rejected.knownCaller() != null) {
        exchange.identifiedAs(rejected.knownCaller());
      }
      throw unauthorized(exchange, rejected.reason(), rejected.getMessage());
    }
    exchange.identifiedAs(caller);
    connections
        .find(exchange.connectionName())
        .filter(target -> Collections.disjoint(target.allowedGroups(), caller.groups()))
        .ifPresent(
            target -> {
              throw GatewayRefusal.refused(
                  403,
                  "connection_not_allowed",
                  "None of the caller's groups may use this connection.");
            });
    return context.proceed();
  }

  private GatewayRefusal unauthorized(ProxyExchange exchange, String reason, String detail) {
    String metadataUrl =
        resourceMetadata
            .resourceAt(exchange.requestOrigin(), exchange.connectionName(), exchange.path())
            .map(ProtectedResource::metadataUrl)
            .orElse(null);
    return unauthorized(reason, detail, metadataUrl, resourceMetadata.scopes());
  }

  /** A 401 refusal with the RFC 6750 challenge, for a request outside the gateway's resources. */
  public static GatewayRefusal unauthorized(String reason, String detail) {
    return unauthorized(reason, detail, null, List.of());
  }

  static GatewayRefusal unauthorized(
      String reason, String detail, String resourceMetadataUrl, List<String> scopes) {
    boolean tokenOffered = !NO_TOKEN.equals(reason);
    String challenge =
        BearerChallenge.of(
            tokenOffered ? "invalid_token" : null, detail, resourceMetadataUrl, scopes);
    return new GatewayRefusal(
        401, reason, detail, Decision.REFUSED, Map.of("WWW-Authenticate", challenge), null);
  }
}
