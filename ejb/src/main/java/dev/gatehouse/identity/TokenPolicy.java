package dev.gatehouse.identity;

import java.time.Duration;
import java.util.Set;

/**
 * What a token must satisfy beyond its signature.
 *
 * @param issuer the exact {@code iss} expected
 * @param audiences accepted {@code aud} values; the token must name at least one
 * @param groupsClaim the claim holding the caller's groups; a dotted path reaches into objects
 *     (Keycloak: {@code realm_access.roles})
 * @param clockSkew tolerance applied to {@code exp} and {@code nbf}
 */
public record TokenPolicy(
    String issuer, Set<String> audiences, String groupsClaim, Duration clockSkew) {

  public TokenPolicy {
    audiences = Set.copyOf(audiences);
  }
}
