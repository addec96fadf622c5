package dev.gatehouse.demo.issuer;

import java.time.Duration;
import java.util.List;

/**
 * What a minted token asserts. {@code subject} also becomes {@code upn}, which MicroProfile JWT
 * uses as the caller principal name; {@code groups} become the caller's roles.
 */
record TokenClaims(
    String issuer, String audience, String subject, List<String> groups, Duration ttl) {

  TokenClaims {
    groups = List.copyOf(groups);
  }
}
