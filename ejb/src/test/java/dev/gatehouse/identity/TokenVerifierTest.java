package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.exchange.CallerIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

  private static final String ISSUER = "urn:test:issuer";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static RSAKey rsa;
  private static RSAKey otherRsa;
  private static ECKey ec;

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final TokenPolicy policy =
      new TokenPolicy(ISSUER, Set.of("gatehouse"), "groups", Duration.ofSeconds(30));

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    otherRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
  }

  private TokenVerifier pemVerifier() throws Exception {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(rsa.toRSAPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    return new TokenVerifier(policy, VerificationKeys.pem(pem), clock);
  }

  private TokenVerifier jwksVerifier() {
    JWKSet set = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()));
    return new TokenVerifier(
        policy,
        new JWSVerificationKeySelector<>(VerificationKeys.ALGORITHMS, new ImmutableJWKSet<>(set)),
        clock);
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience("gatehouse")
        .subject("alice")
        .claim("groups", List.of("demo-users"))
        .issueTime(Date.from(NOW.minusSeconds(10)))
        .notBeforeTime(Date.from(NOW.minusSeconds(10)))
        .expirationTime(Date.from(NOW.plusSeconds(600)))
        .jwtID("jti-1");
  }

  private static String rs256(RSAKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static void assertRejected(Runnable verification, String reason) {
    assertThatThrownBy(verification::run)
        .isInstanceOfSatisfying(TokenRejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
  }

  @Test
  void acceptsAValidRs256TokenAndNamesTheCaller() throws Exception {
    CallerIdentity caller =
        pemVerifier().verifyAuthorization("Bearer " + rs256(rsa, claims().build()));
    assertThat(caller).isEqualTo(new CallerIdentity("alice", List.of("demo-users"), "jti-1"));
  }

  @Test
  void acceptsAValidEs256TokenFromTheJwks() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims().build());
    jwt.sign(new ECDSASigner(ec));
    assertThat(jwksVerifier().verify(jwt.serialize()).subject()).isEqualTo("alice");
  }

  @Test
  void refusesAMissingOrNonBearerCredential() throws Exception {
    TokenVerifier verifier = pemVerifier();
    assertRejected(() -> verifier.verifyAuthorization(null), "missing_token");
    assertRejected(() -> verifier.verifyAuthorization("Basic YWxpY2U6cHc="), "missing_token");
  }

  @Test
  void refusesAMalformedToken() throws Exception {
    TokenVerifier verifier = pemVerifier();
    assertRejected(() -> verifier.verify("not.a.jwt"), "malformed_token");
  }

  @Test
  void refusesAlgNone() throws Exception {
    String unsigned = new PlainJWT(claims().build()).serialize();
    TokenVerifier verifier = pemVerifier();
    assertRejected(() -> verifier.verify(unsigned), "unsupported_algorithm");
  }

  @Test
  void refusesHs256SignedWithThePublicKeyAsSecret() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
    jwt.sign(new MACSigner(rsa.toRSAPublicKey().getEncoded()));
    TokenVerifier verifier = pemVerifier();
    assertRejected(() -> verifier.verify(jwt.serialize()), "unsupported_algorithm");
  }

  @Test
  void refusesASignatureByAnotherKey() throws Exception {
    String forged = rs256(otherRsa, claims().build());
    TokenVerifier verifier = pemVerifier();
    assertRejected(() -> verifier.verify(forged), "invalid_signature");
  }

  @Test
  void refusesATamperedPayload() throws Exception {
    String[] parts = rs256(rsa, claims().build()).split("\\.");
    String tamperedPayload =
        Base64URL.encode(claims().claim("groups", List.of("gatehouse-admin")).build().toString())
            .toString();
    TokenVerifier verifier = pemVerifier();
    assertRejected(
        () -> verifier.verify(parts[0] + "." + tamperedPayload + "." + parts[2]),
        "invalid_signature");
  }

  @Test
  void refusesAnUnknownKeyId() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rotated-away").generate();
    String token = rs256(stranger, claims().build());
    TokenVerifier verifier = jwksVerifier();
    assertRejected(() -> verifier.verify(token), "unknown_key");
  }

  /**
   * A second token with an unknown key id right after a first one: the issuer's keys may not be
   * fetched again yet (rate limit), which is an unknown key, not an outage of the issuer.
   */
  @Test
  void anUnknownKeyWhileARefreshIsNotDueIsAnUnknownKeyNotAnOutage() throws Exception {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rotated-in").generate();
    String token = rs256(stranger, claims().build());
    TokenVerifier rateLimited =
        new TokenVerifier(
            policy,
            new JWSVerificationKeySelector<>(
                VerificationKeys.ALGORITHMS,
                (selector, context) -> {
                  throw new com.nimbusds.jose.jwk.source.RateLimitReachedException();
                }),
            clock);
    assertRejected(() -> rateLimited.verify(token), "unknown_key");

    TokenVerifier unreachable =
        new TokenVerifier(
            policy,
            new JWSVerificationKeySelector<>(
                VerificationKeys.ALGORITHMS,
                (selector, context) -> {
                  throw new com.nimbusds.jose.KeySourceException("connection refused");
                }),
            clock);
    assertRejected(() -> unreachable.verify(token), "key_unavailable");
  }

  @Test
  void refusesAnExpiredTokenButKnowsWhoTried() throws Exception {
    String token = rs256(rsa, claims().expirationTime(Date.from(NOW.minusSeconds(31))).build());
    assertThatThrownBy(() -> pemVerifier().verify(token))
        .isInstanceOfSatisfying(
            TokenRejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo("token_expired");
              assertThat(r.knownCaller().subject()).isEqualTo("alice");
            });
  }

  @Test
  void toleratesExpiryWithinTheClockSkew() throws Exception {
    String token = rs256(rsa, claims().expirationTime(Date.from(NOW.minusSeconds(20))).build());
    assertThat(pemVerifier().verify(token).subject()).isEqualTo("alice");
  }

  @Test
  void refusesATokenNotYetValid() throws Exception {
    String token = rs256(rsa, claims().notBeforeTime(Date.from(NOW.plusSeconds(120))).build());
    TokenVerifier verifier = pemVerifier();
    assertRejected(() -> verifier.verify(token), "token_not_yet_valid");
  }

  @Test
  void refusesAnotherIssuerOrAudience() throws Exception {
    TokenVerifier verifier = pemVerifier();
    String otherIssuer = rs256(rsa, claims().issuer("urn:evil").build());
    String otherAudience = rs256(rsa, claims().audience("someone-else").build());
    assertRejected(() -> verifier.verify(otherIssuer), "wrong_issuer");
    assertRejected(() -> verifier.verify(otherAudience), "wrong_audience");
  }

  @Test
  void refusesATokenWithoutExpiryOrSubject() throws Exception {
    TokenVerifier verifier = pemVerifier();
    String noExpiry = rs256(rsa, claims().expirationTime(null).build());
    String noSubject = rs256(rsa, claims().subject(null).build());
    assertRejected(() -> verifier.verify(noExpiry), "missing_claims");
    assertRejected(() -> verifier.verify(noSubject), "missing_claims");
  }

  @Test
  void readsGroupsFromANestedClaim() throws Exception {
    TokenVerifier keycloakStyle =
        new TokenVerifier(
            new TokenPolicy(ISSUER, Set.of("gatehouse"), "realm_access.roles", Duration.ZERO),
            jwksVerifierSelector(),
            clock);
    String token =
        rs256(
            rsa,
            claims().claim("realm_access", Map.of("roles", List.of("ops", "demo-users"))).build());
    assertThat(keycloakStyle.verify(token).groups()).containsExactly("ops", "demo-users");
  }

  private static JWSVerificationKeySelector<com.nimbusds.jose.proc.SecurityContext>
      jwksVerifierSelector() {
    return new JWSVerificationKeySelector<>(
        VerificationKeys.ALGORITHMS, new ImmutableJWKSet<>(new JWKSet(rsa.toPublicJWK())));
  }
}
