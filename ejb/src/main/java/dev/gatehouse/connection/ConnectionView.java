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
    Agent agent,
    BudgetSettings budgets,
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

  /**
   * How agent traffic is read and governed: {@code protocol} {@code auto}, {@code http}, {@code
   * openai} or {@code mcp}; {@code toolDefault} {@code allow} or {@code deny}; {@code
   * mcpServerRequests} {@code block} or {@code allow}.
   */
  public record Agent(String protocol, String toolDefault, String mcpServerRequests) {

    static Agent of(AgentSettings settings) {
      return new Agent(
          settings.protocol().wireName(),
          settings.toolDefault().wireName(),
          settings.serverRequestsAllowed() ? "allow" : "block");
    }
  }

  /** What the gateway demands of the backend's TLS. */
  public record Tls(
      boolean trustedCaSet,
      List<String> trustedCaSubjects,
      String pinSha256,
      String minTlsVersion,
      String clientCertificateSubject,
      boolean clientKeySet) {}
}
