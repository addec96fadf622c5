package dev.gatehouse.proxy;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a backend's {@code Location} header becomes on its way to the caller. A location below the
 * connection's base URL is rewritten to the same place below {@code /gw/{connection}}, so the
 * caller follows it through the gateway; one elsewhere on the backend's host, or on a host that
 * names an internal address (loopback, private, link-local, a single-label name), is dropped,
 * because it would tell the caller where the backend lives; one on another public host passes.
 */
final class BackendLocation {

  private BackendLocation() {}

  /**
   * @param requested the backend URI the request went to, against which a relative location reads
   * @param base the connection's base URL
   */
  static Optional<String> towardsCaller(
      String location, URI requested, URI base, String connectionName) {
    URI resolved;
    try {
      resolved = requested.resolve(new URI(location.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (resolved.getHost() == null) {
      return Optional.empty();
    }
    if (!sameOrigin(resolved, base)) {
      return internal(resolved.getHost()) ? Optional.empty() : Optional.of(location.strip());
    }
    String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    String path = resolved.getRawPath() == null ? "" : resolved.getRawPath();
    if (!path.equals(basePath) && !path.startsWith(basePath + "/")) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder("/gw/").append(connectionName);
    out.append(path.substring(basePath.length()));
    if (resolved.getRawQuery() != null) {
      out.append('?').append(resolved.getRawQuery());
    }
    if (resolved.getRawFragment() != null) {
      out.append('#').append(resolved.getRawFragment());
    }
    return Optional.of(out.toString());
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
  }

  /** Whether a host names an address inside the network (judged without a DNS lookup). */
  private static boolean internal(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost")
        || h.endsWith(".localhost")
        || h.endsWith(".internal")
        || h.endsWith(".local")
        || !h.contains(".") && !h.contains(":")) {
      return true;
    }
    if (h.matches("[0-9.]+") || h.contains(":")) {
      try {
        InetAddress address = InetAddress.getByName(h); // a literal: no lookup
        return address.isLoopbackAddress()
            || address.isSiteLocalAddress()
            || address.isLinkLocalAddress()
            || address.isAnyLocalAddress()
            || address.isMulticastAddress()
            || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc);
      } catch (java.net.UnknownHostException e) {
        return true;
      }
    }
    return false;
  }
}
