package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token attack suite: each forged, stale or misdirected token is refused with 401 (or 403), the
 * problem document names the reason, and the audit trail keeps a record of the attempt.
 */
@ExtendWith(ArquillianExtension.class)
class IdentityIT {

  private static final String TARGET = "/gw/demo/v1/models";

  private final TestDomain domain = TestDomain.get();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> callWith(String token) throws Exception {
    HttpRequest.Builder request = domain.request(TARGET);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  /**
   * Asserts the 401, its challenge (an error only when a token was offered, RFC 6750 §3.1; where to
   * get one always, RFC 9728 §5.1), its reason, and the audit record of the attempt.
   */
  private String assertRefused401(HttpResponse<String> response, String reason) throws Exception {
    String auditId = assertProblem(response, 401, reason);
    String metadata = domain.gateway("/.well-known/oauth-protected-resource" + TARGET).toString();
    assertThat(response.headers().firstValue("www-authenticate"))
        .hasValueSatisfying(
            v -> {
              assertThat(v)
                  .startsWith("Bearer ")
                  .contains("resource_metadata=\"" + metadata + "\"");
              if (reason.equals("missing_token")) {
                assertThat(v).doesNotContain("error=");
              } else {
                assertThat(v).contains("error=\"invalid_token\"");
              }
            });
    String record = domain.completedAuditRecord(auditId);
    assertThat(Json.field(record, "decision")).isEqualTo("REFUSED");
    assertThat(Json.field(record, "reason")).isEqualTo(reason);
    assertThat(Json.number(record, "status")).isEqualTo(401);
    assertThat(Json.field(record, "address")).isNotBlank();
    return record;
  }

  private static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(TestDomain.ISSUER)
        .audience(TestDomain.AUDIENCE)
        .subject("mallory")
        .claim("groups", List.of("demo-users"))
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .jwtID(UUID.randomUUID().toString());
  }

  private String signedByDevIssuer(JWTClaimsSet claims) throws Exception {
    return domain.sign(claims);
  }

  private static String signedBy(RSAKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void aValidTokenReachesTheBackendAndTheRecordNamesTheCaller() throws Exception {
    String token = signedByDevIssuer(claims().subject("alice").jwtID("jti-alice-1").build());
    HttpResponse<String> response = callWith(token);

    assertThat(response.statusCode()).isEqualTo(200);
    String record =
        domain.completedAuditRecord(
            response.headers().firstValue("gatehouse-audit-id").orElseThrow());
    assertThat(Json.field(record, "subject")).isEqualTo("alice");
    assertThat(Json.field(record, "groups")).isEqualTo("demo-users");
    assertThat(Json.field(record, "tokenId")).isEqualTo("jti-alice-1");
    assertThat(Json.field(record, "address")).isNotBlank();
  }

  @Test
  void noToken() throws Exception {
    String record = assertRefused401(callWith(null), "missing_token");
    assertThat(Json.field(record, "subject")).isEqualTo("anonymous");
  }

  @Test
  void malformedToken() throws Exception {
    assertRefused401(callWith("definitely.not-a.jwt"), "malformed_token");
  }

  @Test
  void algNone() throws Exception {
    assertRefused401(callWith(new PlainJWT(claims().build()).serialize()), "unsupported_algorithm");
  }

  @Test
  void hs256SignedWithThePublicKeyAsSecret() throws Exception {
    byte[] publicKeyPem = Files.readAllBytes(domain.home().resolve("dev-issuer/public.pem"));
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
    jwt.sign(new MACSigner(publicKeyPem));
    assertRefused401(callWith(jwt.serialize()), "unsupported_algorithm");
  }

  @Test
  void expiredTokenIsRefusedButTheRecordKnowsWhoTried() throws Exception {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    String token =
        signedByDevIssuer(
            claims()
                .issueTime(Date.from(past))
                .notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60)))
                .build());
    String record = assertRefused401(callWith(token), "token_expired");
    assertThat(Json.field(record, "subject")).isEqualTo("mallory");
  }

  @Test
  void tokenNotYetValid() throws Exception {
    Instant later = Instant.now().plus(Duration.ofHours(1));
    assertRefused401(
        callWith(
            signedByDevIssuer(
                claims()
                    .notBeforeTime(Date.from(later))
                    .expirationTime(Date.from(later.plusSeconds(60)))
                    .build())),
        "token_not_yet_valid");
  }

  @Test
  void wrongIssuer() throws Exception {
    assertRefused401(
        callWith(signedByDevIssuer(claims().issuer("https://evil.example").build())),
        "wrong_issuer");
  }

  @Test
  void wrongAudience() throws Exception {
    assertRefused401(
        callWith(signedByDevIssuer(claims().audience("another-service").build())),
        "wrong_audience");
  }

  @Test
  void unknownKeyId() throws Exception {
    RSAKey stranger =
        new RSAKeyGenerator(2048).keyID("never-published-" + UUID.randomUUID()).generate();
    assertRefused401(callWith(signedBy(stranger, claims().build())), "unknown_key");
  }

  @Test
  void validSignatureByADifferentKeyUnderTheIssuersKid() throws Exception {
    RSAKey impostor = new RSAKeyGenerator(2048).keyID(domain.devIssuerKid()).generate();
    assertRefused401(callWith(signedBy(impostor, claims().build())), "invalid_signature");
  }

  @Test
  void tamperedPayload() throws Exception {
    String[] parts = signedByDevIssuer(claims().build()).split("\\.");
    String escalated =
        Base64URL.encode(claims().claim("groups", List.of("gatehouse-admin")).build().toString())
            .toString();
    assertRefused401(callWith(parts[0] + "." + escalated + "." + parts[2]), "invalid_signature");
  }

  @Test
  void tokenInTheQueryStringIsRefusedAndNotRecorded() throws Exception {
    String token = signedByDevIssuer(claims().build());
    HttpResponse<String> response = send(domain.request(TARGET + "?access_token=" + token).build());
    String record = assertRefused401(response, "token_in_query");
    assertThat(record).doesNotContain(token);
    assertThat(Json.field(record, "query")).isEqualTo("access_token=[REDACTED]");
  }

  @Test
  void validTokenWithoutTheConnectionsGroupIsForbidden() throws Exception {
    HttpResponse<String> response =
        callWith(signedByDevIssuer(claims().claim("groups", List.of()).build()));
    String record =
        domain.completedAuditRecord(assertProblem(response, 403, "connection_not_allowed"));
    assertThat(Json.field(record, "subject")).isEqualTo("mallory");
    assertThat(Json.field(record, "decision")).isEqualTo("REFUSED");
  }

  @Test
  void aRotatedKeyIsAcceptedWithoutRestart() throws Exception {
    RSAKey rotated = new RSAKeyGenerator(2048).keyID("rotated-" + UUID.randomUUID()).generate();
    String token = signedBy(rotated, claims().subject("rita").build());
    assertRefused401(callWith(token), "unknown_key");

    TestJwks.get().publish(rotated);
    Thread.sleep(1200); // the gateway refreshes its JWKS at most once a second

    HttpResponse<String> accepted = callWith(token);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
  }

  @Test
  void adminApiIsGovernedByOperatorRoles() throws Exception {
    String reviewer = domain.token("rev", "gatehouse-reviewer");
    String admin = domain.token("ada", "gatehouse-admin");

    HttpResponse<String> anonymous = send(domain.request("/api/v1/audit").build());
    HttpResponse<String> asReviewer =
        send(domain.request("/api/v1/audit").header("Authorization", "Bearer " + reviewer).build());
    HttpResponse<String> asAdmin =
        send(domain.request("/api/v1/audit").header("Authorization", "Bearer " + admin).build());

    String anonymousRecord =
        domain.completedAuditRecord(assertProblem(anonymous, 401, "missing_token"));
    String reviewerRecord =
        domain.completedAuditRecord(assertProblem(asReviewer, 403, "role_required"));
    assertThat(asAdmin.statusCode()).isEqualTo(200);
    assertThat(Json.field(anonymousRecord, "path")).isEqualTo("/api/v1/audit");
    assertThat(Json.field(reviewerRecord, "subject")).isEqualTo("rev");
  }
}
