package dev.gatehouse.ratelimit;

import dev.gatehouse.connection.RateLimitSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code gatehouse.ratelimit.*} defaults, which apply wherever a connection leaves a limit
 * unset. {@code 0} means no limit; with the shipped defaults nothing is limited.
 */
@ApplicationScoped
public class RateLimitConfiguration {

  @Inject
  @ConfigProperty(name = "gatehouse.ratelimit.interval-seconds", defaultValue = "60")
  int intervalSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.ratelimit.caller-requests", defaultValue = "0")
  int callerRequests;

  @Inject
  @ConfigProperty(name = "gatehouse.ratelimit.connection-requests", defaultValue = "0")
  int connectionRequests;

  @Inject
  @ConfigProperty(name = "gatehouse.ratelimit.caller-concurrent", defaultValue = "0")
  int callerConcurrent;

  @Inject
  @ConfigProperty(name = "gatehouse.ratelimit.connection-concurrent", defaultValue = "0")
  int connectionConcurrent;

  /** The limits in force for a connection: its own where set, else these defaults. */
  public RateLimits effective(RateLimitSettings own) {
    return new RateLimits(
        Math.max(1, or(own.intervalSeconds(), intervalSeconds)),
        or(own.callerRequests(), callerRequests),
        or(own.connectionRequests(), connectionRequests),
        or(own.callerConcurrent(), callerConcurrent),
        or(own.connectionConcurrent(), connectionConcurrent));
  }

  private static int or(Integer own, int fallback) {
    return own != null ? own : fallback;
  }
}
