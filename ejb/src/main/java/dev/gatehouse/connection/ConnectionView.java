package dev.gatehouse.connection;

import java.time.Instant;
import java.util.List;

/**
 * A connection as the admin API and admin events show it: everything except the secret and the
 * client key, of which only whether they are set (and the secret's HMAC fingerprint) appear.
 */
public record ConnectionView(
    String name,
    String baseUrl,
    Credential credential,
    Tls tls,
    int connectTimeoutMillis,
    int readTimeoutMillis,
    long maxRequestBytes,
    long maxResponseBytes,
    List<String> allowedGroups,
    RateLimitSettings rateLimits,
    Approval approval,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  /** The injected credential, redacted. */
  public record Credential(
      String kind, String header, boolean secretSet, String fingerprint, String keyId) {}

  /**
   * When requests wait for a reviewer; {@code null} durations and counts take the configured
   * defaults, empty {@code reviewerGroups} lets any reviewer decide.
   */
  public record Approval(
      boolean required,
      Integer pendingTtlSeconds,
      Integer approvedTtlSeconds,
      Integer approvalsRequired,
      List<String> reviewerGroups) {}

  /** What the gateway demands of the backend's TLS. */
  public record Tls(
      boolean trustedCaSet,
      List<String> trustedCaSubjects,
      String pinSha256,
      String minTlsVersion,
      String clientCertificateSubject,
      boolean clientKeySet) {}
}
