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
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Second link of the proxy chain, inside auditing. Guarantees: nothing further in runs unless the
 * request carries a bearer token that {@link TokenVerifier} accepts (else 401 with {@code
 * WWW-Authenticate: Bearer error="invalid_token"} and the rejection's reason); a token offered in
 * the query string is refused outright; a caller none of whose groups the connection allows is
 * refused with 403 {@code connection_not_allowed}. The verified caller is put on the exchange, so
 * the audit record names them — and, when only a claim failed, names who tried.
 *
 * <p>An unknown connection is passed on (the proxy answers 404) only after authentication, so
 * anonymous callers cannot probe which connections exist.
 */
@AccessChecked
@Interceptor
@Priority(InterceptorOrder.ACCESS_CHECKED)
public class AccessCheckedInterceptor {

  private static final Pattern TOKEN_IN_QUERY =
      Pattern.compile("(^|&)(access_token|id_token)=", Pattern.CASE_INSENSITIVE);

  @Inject TokenVerifier verifier;

  @Inject ConnectionDirectory connections;

  @AroundInvoke
  public Object checkAccess(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    if (exchange.rawQuery() != null && TOKEN_IN_QUERY.matcher(exchange.rawQuery()).find()) {
      throw unauthorized(
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
      throw unauthorized(rejected.reason(), rejected.getMessage());
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

  /** A 401 refusal with the RFC 6750 challenge. */
  public static GatewayRefusal unauthorized(String reason, String detail) {
    String challenge =
        "Bearer realm=\"gatehouse\", error=\"invalid_token\", error_description=\""
            + detail.replace('"', '\'').toLowerCase(Locale.ROOT)
            + "\"";
    return new GatewayRefusal(
        401, reason, detail, Decision.REFUSED, Map.of("WWW-Authenticate", challenge), null);
  }
}
