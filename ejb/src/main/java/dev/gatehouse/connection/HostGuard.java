package dev.gatehouse.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SSRF guard: decides whether the gateway may open a connection to a backend URL. Checked when
 * a connection is created or changed, and again for every request against the addresses the name
 * resolves to then (so a name re-pointed at a forbidden address after registration — DNS rebinding
 * — is still refused).
 *
 * <p>Guarantees: the host matches one of {@code gatehouse.connection.allowed-hosts} (glob patterns,
 * {@code *} any run of characters); no resolved address is link-local (169.254.0.0/16, fe80::/10),
 * a cloud metadata address (169.254.169.254, fd00:ec2::254, 100.100.100.200) or the unspecified
 * address, and the host is not a metadata name ({@code metadata.google.internal}), unless {@code
 * gatehouse.connection.allow-metadata=true}; the scheme is {@code https}, or {@code http} to a
 * loopback address only when {@code gatehouse.connection.allow-plain-http-loopback=true}.
 *
 * <p>Assumes: the JDK resolves the name again when it connects, so a resolver that answers
 * differently within milliseconds could still slip past; the JVM's DNS cache (30 s by default)
 * makes both lookups agree in practice.
 */
@ApplicationScoped
public class HostGuard {

  private static final Set<String> METADATA_NAMES =
      Set.of("metadata.google.internal", "metadata.goog", "metadata");
  private static final Set<String> METADATA_ADDRESSES =
      Set.of("169.254.169.254", "fd00:ec2:0:0:0:0:0:254", "100.100.100.200");

  @Inject
  @ConfigProperty(name = "gatehouse.connection.allowed-hosts", defaultValue = "*")
  List<String> allowedHosts;

  @Inject
  @ConfigProperty(name = "gatehouse.connection.allow-metadata", defaultValue = "false")
  boolean allowMetadata;

  @Inject
  @ConfigProperty(name = "gatehouse.connection.allow-plain-http-loopback", defaultValue = "false")
  boolean allowPlainHttpLoopback;

  /** The allowed-host globs compiled once (this guard runs on every proxied request). */
  private volatile List<Pattern> hostPatterns;

  public HostGuard() {}

  /** For tests: a guard with explicit settings. */
  public HostGuard(List<String> allowedHosts, boolean allowMetadata, boolean allowPlainHttp) {
    this.allowedHosts = List.copyOf(allowedHosts);
    this.allowMetadata = allowMetadata;
    this.allowPlainHttpLoopback = allowPlainHttp;
  }

  /**
   * Why the gateway must not connect to {@code url}, or empty when it may.
   *
   * @param requireResolvable whether a name that does not resolve is itself a refusal
   */
  public Optional<String> refusal(String url, boolean requireResolvable) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      return Optional.of("has no host");
    }
    if (uri.getUserInfo() != null) {
      return Optional.of("must not carry user information");
    }
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.of("must be an https URL");
    }
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    String lowerHost = withoutTrailingDot(bareHost.toLowerCase(Locale.ROOT));
    if (hostPatterns().stream().noneMatch(p -> p.matcher(lowerHost).matches())) {
      return Optional.of("host is not in gatehouse.connection.allowed-hosts");
    }
    if (!allowMetadata && METADATA_NAMES.contains(lowerHost)) {
      return Optional.of("is a cloud metadata address");
    }
    List<InetAddress> addresses = new ArrayList<>();
    try {
      addresses.addAll(List.of(InetAddress.getAllByName(bareHost)));
    } catch (UnknownHostException e) {
      return requireResolvable
          ? Optional.of("host does not resolve")
          : plainHttp(scheme, addresses);
    }
    for (InetAddress address : addresses) {
      if (!allowMetadata
          && (address.isLinkLocalAddress()
              || address.isAnyLocalAddress()
              || METADATA_ADDRESSES.contains(withoutScope(address.getHostAddress())))) {
        return Optional.of("resolves to a link-local or cloud metadata address");
      }
    }
    return plainHttp(scheme, addresses);
  }

  private Optional<String> plainHttp(String scheme, List<InetAddress> addresses) {
    if (scheme.equals("https")) {
      return Optional.empty();
    }
    if (!allowPlainHttpLoopback) {
      return Optional.of("must be an https URL");
    }
    if (addresses.isEmpty() || !addresses.stream().allMatch(InetAddress::isLoopbackAddress)) {
      return Optional.of("may use plain http only to a loopback address");
    }
    return Optional.empty();
  }

  private List<Pattern> hostPatterns() {
    List<Pattern> patterns = hostPatterns;
    if (patterns == null) {
      patterns = allowedHosts.stream().map(String::strip).map(HostGuard::glob).toList();
      hostPatterns = patterns;
    }
    return patterns;
  }

  private static String withoutTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** An IPv6 address without its zone ({@code fe80::1%eth0} → {@code fe80::1}). */
  private static String withoutScope(String address) {
    int percent = address.indexOf('%');
    return percent < 0 ? address : address.substring(0, percent);
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
      regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }
}
