package dev.gatehouse.identity;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A gateway resource, {@code /gw/{connection}{path}} under a public origin, as OAuth 2.0 Protected
 * Resource Metadata (RFC 9728) names it: its resource identifier is the URL a client calls, and its
 * metadata lives where §3.1 puts it — the well-known string inserted between the origin and the
 * path.
 *
 * <p>Both URLs are written into headers and documents sent to anonymous callers, so only an origin
 * and a path of plain URL characters are accepted; anything else (a quote or a space from a forged
 * {@code Host}, a dot segment) gives no resource at all rather than a URL a client could misread.
 *
 * @param origin {@code scheme://host[:port]}, without a trailing slash
 * @param connection the connection's name
 * @param path the path below the connection, as sent (percent-encoded), empty or starting with '/'
 */
public record ProtectedResource(String origin, String connection, String path) {

  /** RFC 9728 §3: the well-known URI suffix registered for protected resource metadata. */
  public static final String WELL_KNOWN_PATH = "/.well-known/oauth-protected-resource";

  /** Where the gateway's resources are, below the origin. */
  public static final String GATEWAY_PREFIX = "/gw/";

  private static final Pattern ORIGIN =
      Pattern.compile("https?://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

  /** The names a connection may have ({@code ConnectionSpec}): anything else cannot exist. */
  private static final Pattern CONNECTION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** RFC 3986 path characters: unreserved, sub-delims, ':', '@', '/' and percent-encodings. */
  private static final Pattern PATH =
      Pattern.compile("(/([A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)*");

  /**
   * The resource at {@code origin} + {@code /gw/{connection}{path}}, if every part is well-formed.
   */
  public static Optional<ProtectedResource> at(String origin, String connection, String path) {
    String below = path == null ? "" : path;
    if (!isOrigin(origin)
        || connection == null
        || !CONNECTION.matcher(connection).matches()
        || !PATH.matcher(below).matches()
        || hasDotSegment(below)) {
      return Optional.empty();
    }
    return Optional.of(new ProtectedResource(origin, connection, below));
  }

  /** Whether {@code value} is {@code http(s)://host[:port]}, a name or an IP address, no more. */
  public static boolean isOrigin(String value) {
    return value != null && ORIGIN.matcher(value).matches();
  }

  /** The resource identifier (RFC 9728 §1.2): the URL the client calls, without its query. */
  public String identifier() {
    return origin + gatewayPath();
  }

  /** Where this resource's metadata is served (RFC 9728 §3.1). */
  public String metadataUrl() {
    return origin + WELL_KNOWN_PATH + gatewayPath();
  }

  private String gatewayPath() {
    return GATEWAY_PREFIX + connection + path;
  }

  /** Whether a client resolving the URL would take a segment as "this" or "parent" directory. */
  private static boolean hasDotSegment(String path) {
    for (String segment : path.split("/", -1)) {
      String decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
      if (decoded.equals(".") || decoded.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
