package dev.gatehouse.ratelimit;

import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.exchange.InterceptorOrder;
import dev.gatehouse.exchange.ProxyExchange;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Instant;

/**
 * Third link of the proxy chain, right inside the access check: it needs the verified caller (a
 * limit keyed on an unverified token's subject could be spent by anyone in that caller's name), and
 * it runs before the denylist, approvals and the backend, so a refused request costs the least
 * possible. Being inside auditing, every refusal — 429 with {@code Retry-After} — leaves its audit
 * record.
 *
 * <p>Guarantees: nothing further in runs when the caller or the connection is over a limit of the
 * connection ({@link RateLimiter}); a request admitted under a concurrency limit holds its slot
 * until the exchange ends — when the relayed response is fully written, or on a refusal further in
 * — never merely until the backend's headers arrive. An unknown connection is passed on (the proxy
 * answers 404).
 */
@RateLimited
@Interceptor
@Priority(InterceptorOrder.RATE_LIMITED)
public class RateLimitedInterceptor {

  @Inject ConnectionDirectory connections;

  @Inject RateLimitConfiguration configuration;

  @Inject RateLimiter limiter;

  @AroundInvoke
  public Object limit(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    var target = connections.find(exchange.connectionName());
    if (target.isPresent()) {
      RateLimits limits = configuration.effective(target.get().rateLimits());
      RateLimiter.Permit permit =
          limiter.admit(
              exchange.connectionName(), exchange.caller().subject(), limits, Instant.now());
      exchange.onCompletion(ended -> permit.release());
    }
    return context.proceed();
  }
}
