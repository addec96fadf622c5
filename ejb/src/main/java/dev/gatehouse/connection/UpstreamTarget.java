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
 * @param approval when requests to this connection wait for a reviewer
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
    ApprovalSettings approval) {

  public UpstreamTarget {
    allowedGroups = Set.copyOf(allowedGroups);
    approval = approval == null ? ApprovalSettings.NONE : approval;
  }

  /** A target whose requests need no approval. */
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
        ApprovalSettings.NONE);
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
