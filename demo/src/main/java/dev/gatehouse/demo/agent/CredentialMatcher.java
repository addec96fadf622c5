package dev.gatehouse.demo.agent;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Checks the bearer credential the gateway must present on every request. Both sides are hashed
 * before {@link MessageDigest#isEqual} so the comparison takes the same time whatever the presented
 * value's content or length.
 */
final class CredentialMatcher {

  private static final String BEARER_PREFIX = "Bearer ";

  private final byte[] expectedDigest;

  CredentialMatcher(String credential) {
    if (credential.isBlank()) {
      throw new IllegalArgumentException("The agent credential must not be empty");
    }
    this.expectedDigest = sha256(credential);
  }

  AuthorizationOutcome classify(Headers requestHeaders) {
    return classify(requestHeaders.get("Authorization"));
  }

  /** Classifies the values of the request's {@code Authorization} headers (null when none). */
  AuthorizationOutcome classify(List<String> values) {
    if (values == null || values.isEmpty()) {
      return AuthorizationOutcome.ABSENT;
    }
    if (values.size() != 1) {
      return AuthorizationOutcome.MISMATCH;
    }
    String value = values.get(0).trim();
    if (!value.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
      return AuthorizationOutcome.MISMATCH;
    }
    String presented = value.substring(BEARER_PREFIX.length()).trim();
    return MessageDigest.isEqual(sha256(presented), expectedDigest)
        ? AuthorizationOutcome.MATCHES_CREDENTIAL
        : AuthorizationOutcome.MISMATCH;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK provides SHA-256", e);
    }
  }
}
