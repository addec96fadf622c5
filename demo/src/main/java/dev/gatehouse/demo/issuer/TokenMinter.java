package dev.gatehouse.demo.issuer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Produces compact RS256 JWS tokens with the JDK's {@code SHA256withRSA}, in the shape that
 * MicroProfile JWT expects (string {@code aud}, {@code upn}, {@code groups} array, {@code jti}).
 */
final class TokenMinter {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey signingKey;
  private final String kid;

  TokenMinter(PrivateKey signingKey, String kid) {
    this.signingKey = signingKey;
    this.kid = kid;
  }

  String mint(TokenClaims claims, Instant now) throws GeneralSecurityException {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", kid);

    long issuedAt = now.getEpochSecond();
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("iss", claims.issuer());
    payload.put("sub", claims.subject());
    payload.put("upn", claims.subject());
    payload.put("aud", claims.audience());
    payload.put("groups", claims.groups());
    payload.put("iat", issuedAt);
    payload.put("nbf", issuedAt);
    payload.put("exp", issuedAt + claims.ttl().toSeconds());
    payload.put("jti", UUID.randomUUID().toString());

    String signingInput = encodeJson(header) + "." + encodeJson(payload);
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(signingKey);
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + BASE64URL.encodeToString(signature.sign());
  }

  private static String encodeJson(Map<String, Object> json) {
    return BASE64URL.encodeToString(JsonMapper.shared().writeValueAsBytes(json));
  }
}
