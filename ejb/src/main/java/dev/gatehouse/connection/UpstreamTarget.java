package dev.gatehouse.connection;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * An immutable, ready-to-use view of one connection for the data path, with its credential already
 * opened. Lives only in memory; {@link #toString()} never shows the credential.
 *
 * @param name the connection's name
 * @param baseUri the backend base URL, without a trailing slash
 * @param credentialHeaderName the header that carries the credential, or {@code null}
 * @param credentialHeaderValue that header's value (a secret), or {@code null}
 * @param trustedCaPem PEM CA certificates to trust, or {@code null} for the JVM's trust store
 * @param connectTimeout TCP + TLS connect timeout
 * @param readTimeout time allowed until the backend's response headers arrive
 * @param maxRequestBytes largest request body forwarded
 * @param allowedGroups groups whose members may use the connection
 * @param version the entity version the snapshot was taken from
 * @param pinSha256 hex SHA-256 of the leaf certificate's SubjectPublicKeyInfo, or {@code null}
 * @param minTlsVersion {@code TLSv1.2} or {@code TLSv1.3}
 * @param clientCertPem client certificate chain for mTLS, or {@code null}
 * @param clientKeyPem its private key (a secret, opened), or {@code null}
 * @param maxResponseBytes largest response body relayed
 * @param approval when requests to this connection wait for a reviewer
 * @param rateLimits the connection's own rate limits (unset ones take the configured defaults)
 * @param agent how the connection's agent traffic is read and governed
 * @param budgets the connection's per-caller budgets for agent traffic
 */
public record UpstreamTarget(
    String name,
    URI baseUri,
    String credentialHeaderName,
    String credentialHeaderValue,
    String trustedCaPem,
    Duration connectTimeout,
    Duration readTimeout,
    long maxRequestBytes,
    Set<String> allowedGroups,
    long version,
    String pinSha256,
    String minTlsVersion,
    String clientCertPem,
    String clientKeyPem,
    long maxResponseBytes,
    ApprovalSettings approval,
    RateLimitSettings rateLimits,
    AgentSettings agent,
    BudgetSettings budgets) {

  public UpstreamTarget {
    agent = agent == null ? AgentSettings.DEFAULTS : agent;
    budgets = budgets == null ? BudgetSettings.NONE : budgets;
    allowedGroups = Set.copyOf(allowedGroups);
    approval = approval == null ? ApprovalSettings.NONE : approval;
    rateLimits = rateLimits == null ? RateLimitSettings.DEFAULTS : rateLimits;
  }

  /**
   * A target with the default TLS demands (no pin, TLS 1.2+, no client certificate) whose requests
   * need no approval and have the default rate limits and no budgets.
   */
  public UpstreamTarget(
      String name,
      URI baseUri,
      String credentialHeaderName,
      String credentialHeaderValue,
      String trustedCaPem,
      Duration connectTimeout,
      Duration readTimeout,
      long maxRequestBytes,
      Set<String> allowedGroups,
      long version) {
    this(
        name,
        baseUri,
        credentialHeaderName,
        credentialHeaderValue,
        trustedCaPem,
        connectTimeout,
        readTimeout,
        maxRequestBytes,
        allowedGroups,
        version,
        null,
        "TLSv1.2",
        null,
        null,
        Long.MAX_VALUE,
        ApprovalSettings.NONE,
        RateLimitSettings.DEFAULTS,
        AgentSettings.DEFAULTS,
        BudgetSettings.NONE);
  }

  /**
   * The backend URI for a path below the connection and a raw query, both as the caller sent them.
   *
   * @throws IllegalArgumentException when they do not form a valid URI
   */
  public URI resolve(String rawPath, String rawQuery) {
    String base = baseUri.toString();
    StringBuilder uri = new StringBuilder(base.length() + rawPath.length() + 32).append(base);
    uri.append(rawPath.isEmpty() ? "/" : rawPath);
    if (rawQuery != null && !rawQuery.isEmpty()) {
      uri.append('?').append(rawQuery);
    }
    return URI.create(uri.toString());
  }

  @Override
  public String toString() {
    return "UpstreamTarget[" + name + " -> " + baseUri + ", v" + version + "]";
  }
}
