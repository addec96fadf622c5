package dev.gatehouse.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.gatehouse.exchange.CallerIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Verifies a bearer token and says who it names.
 *
 * <p>Guarantees: only RS256 and ES256 signatures by the configured issuer's keys are accepted
 * ({@code alg: none}, HMAC — including the "public key as HMAC secret" confusion — and any other
 * algorithm are refused before a key is even looked up); {@code iss} must match exactly, {@code
 * aud} must name an accepted audience, {@code exp} must be present and not passed, {@code nbf} not
 * in the future, each with the configured clock skew; {@code sub} (or {@code upn}) must be present.
 * Every rejection has a stable reason code.
 *
 * <p>A verified token is remembered (by its SHA-256) until it expires, so a caller's repeated
 * requests cost one signature check; the cache is bounded and cleared when full.
 */
public final class TokenVerifier {

  private static final int CACHE_LIMIT = 10_000;

  private record Verified(CallerIdentity caller, Instant expiresAt) {}

  private final TokenPolicy policy;
  private final DefaultJWTProcessor<SecurityContext> processor;
  private final Clock clock;
  private final ConcurrentMap<String, Verified> cache = new ConcurrentHashMap<>();

  public TokenVerifier(TokenPolicy policy, JWSKeySelector<SecurityContext> keys, Clock clock) {
    this.policy = policy;
    this.clock = clock;
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(keys);
    // Claims are checked below, with one reason code per failure.
    processor.setJWTClaimsSetVerifier((claims, context) -> {});
  }

  /**
   * Verifies the value of an {@code Authorization} header.
   *
   * @throws TokenRejected when there is no bearer token or it does not verify
   */
  public CallerIdentity verifyAuthorization(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new TokenRejected("missing_token", "A bearer token is required.");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new TokenRejected("missing_token", "The Authorization header is not a bearer token.");
    }
    return verify(authorization.substring(7).strip());
  }

  /** Verifies a compact JWT. */
  public CallerIdentity verify(String token) {
    String key = sha256(token);
    Verified cached = cache.get(key);
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.expiresAt().plus(policy.clockSkew()))) {
      return cached.caller();
    }
    JWTClaimsSet claims = verifiedClaims(token);
    CallerIdentity caller = callerOf(claims);
    checkClaims(claims, caller, now);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, new Verified(caller, claims.getExpirationTime().toInstant()));
    return caller;
  }

  private JWTClaimsSet verifiedClaims(String token) {
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw new TokenRejected("malformed_token", "The bearer token is not a well-formed JWT.");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw new TokenRejected(
          "unsupported_algorithm", "Unsigned and encrypted tokens are refused.");
    }
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    if (!VerificationKeys.ALGORITHMS.contains(alg)) {
      throw new TokenRejected(
          "unsupported_algorithm", "Only RS256 and ES256 tokens are accepted, not " + alg + ".");
    }
    try {
      return processor.process(signed, null);
    } catch (BadJWSException e) {
      throw new TokenRejected("invalid_signature", "The token's signature does not verify.");
    } catch (BadJOSEException e) {
      throw new TokenRejected(
          "unknown_key", "No key of the issuer matches the token's key id and algorithm.");
    } catch (RateLimitReachedException e) {
      // The keys at hand were consulted and none matched; a new fetch of the issuer's keys is
      // not due yet (gatehouse.identity.jwks-min-refresh-millis). Not an outage of the issuer.
      throw new TokenRejected(
          "unknown_key", "No key of the issuer matches the token's key id and algorithm.");
    } catch (JOSEException e) {
      throw new TokenRejected("key_unavailable", "The issuer's keys could not be obtained.");
    }
  }

  private CallerIdentity callerOf(JWTClaimsSet claims) {
    String subject = claims.getSubject();
    Object upn = claims.getClaim("upn");
    if (subject == null && upn instanceof String s) {
      subject = s;
    }
    if (subject == null || subject.isBlank()) {
      throw new TokenRejected("missing_claims", "The token names no subject.");
    }
    return new CallerIdentity(subject, groupsOf(claims), claims.getJWTID());
  }

  private List<String> groupsOf(JWTClaimsSet claims) {
    Object value = claims.getClaims();
    for (String part : policy.groupsClaim().split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(part) : null;
    }
    List<String> groups = new ArrayList<>();
    if (value instanceof Collection<?> collection) {
      collection.stream()
          .filter(String.class::isInstance)
          .map(String.class::cast)
          .forEach(groups::add);
    } else if (value instanceof String single) {
      groups.add(single);
    }
    return groups;
  }

  private void checkClaims(JWTClaimsSet claims, CallerIdentity caller, Instant now) {
    if (!policy.issuer().equals(claims.getIssuer())) {
      throw new TokenRejected("wrong_issuer", "The token was issued by another issuer.", caller);
    }
    List<String> audiences = claims.getAudience();
    if (audiences == null || audiences.stream().noneMatch(policy.audiences()::contains)) {
      throw new TokenRejected("wrong_audience", "The token is meant for another audience.", caller);
    }
    if (claims.getExpirationTime() == null) {
      throw new TokenRejected("missing_claims", "The token has no expiry.", caller);
    }
    if (now.isAfter(claims.getExpirationTime().toInstant().plus(policy.clockSkew()))) {
      throw new TokenRejected("token_expired", "The token has expired.", caller);
    }
    if (claims.getNotBeforeTime() != null
        && now.isBefore(claims.getNotBeforeTime().toInstant().minus(policy.clockSkew()))) {
      throw new TokenRejected("token_not_yet_valid", "The token is not valid yet.", caller);
    }
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
