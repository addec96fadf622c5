package dev.gatehouse.identity;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What Gatehouse tells a client that has no token yet (RFC 9728, the MCP authorization spec): which
 * issuer to get one from, for which resource, with which scopes, sent how. The same for every
 * connection, known or not, so that it reveals nothing an anonymous caller could not already read
 * from the URL it asked for.
 *
 * <p>The public origin is configured ({@code gatehouse.identity.public-base-url}) or, without it,
 * the one the request was addressed to (its scheme and {@code Host}): the metadata's {@code
 * resource} must be the very URL the client called (RFC 9728 §3.3), and behind a load balancer that
 * terminates TLS only the configuration knows it.
 */
public final class ProtectedResourceMetadata {

  private static final Logger LOG = Logger.getLogger(ProtectedResourceMetadata.class.getName());

  private final Optional<String> publicOrigin;
  private final boolean publicOriginInvalid;
  private final Optional<String> issuer;
  private final List<String> scopes;

  /**
   * @param publicBaseUrl the configured public origin ({@code https://host[:port]}), if any
   * @param issuer the token issuer, the one authorization server, if configured
   * @param scopes the scopes a client should ask the issuer for, possibly none
   */
  public ProtectedResourceMetadata(
      Optional<String> publicBaseUrl, Optional<String> issuer, List<String> scopes) {
    Optional<String> configured =
        publicBaseUrl
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(s -> s.replaceAll("/+$", ""));
    this.publicOriginInvalid =
        configured.isPresent() && !ProtectedResource.isOrigin(configured.get());
    if (publicOriginInvalid) {
      // Not guessed from the request instead: the operator meant a fixed origin.
      LOG.severe(
          "gatehouse.identity.public-base-url must be scheme://host[:port] without a path, not "
              + configured.get()
              + "; 401 answers carry no resource_metadata and no metadata is served until fixed.");
    }
    this.publicOrigin = configured;
    this.issuer = issuer.map(String::strip).filter(s -> !s.isEmpty());
    this.scopes = List.copyOf(scopes);
  }

  /**
   * The resource {@code /gw/{connection}{path}} as the client named it.
   *
   * @param requestOrigin {@code scheme://host[:port]} the request was addressed to
   * @return empty when the origin or the path is not a plain URL part, or the configured origin is
   *     unusable
   */
  public Optional<ProtectedResource> resourceAt(
      String requestOrigin, String connection, String path) {
    if (publicOriginInvalid) {
      return Optional.empty();
    }
    return ProtectedResource.at(publicOrigin.orElse(requestOrigin), connection, path);
  }

  /**
   * The resource whose metadata address {@code rawPath} is ({@code
   * /.well-known/oauth-protected-resource/gw/{connection}{path}}), as the client named it.
   *
   * @param rawPath the path asked for, not decoded: a prefix that matches only once decoded is not
   *     this address
   */
  public Optional<ProtectedResource> resourceOfMetadataAt(String requestOrigin, String rawPath) {
    String prefix = ProtectedResource.WELL_KNOWN_PATH + ProtectedResource.GATEWAY_PREFIX;
    if (rawPath == null || !rawPath.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = rawPath.substring(prefix.length());
    int slash = rest.indexOf('/');
    return resourceAt(
        requestOrigin,
        slash < 0 ? rest : rest.substring(0, slash),
        slash < 0 ? "" : rest.substring(slash));
  }

  /** The scopes to request, for {@code scopes_supported} and the challenge's {@code scope}. */
  public List<String> scopes() {
    return scopes;
  }

  /** The RFC 9728 §2 document of the resource. */
  public String document(ProtectedResource resource) {
    JsonObjectBuilder document =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("resource", resource.identifier())
            .add("resource_name", "Gatehouse connection " + resource.connection());
    // Without an issuer every token is refused anyway; naming none is the truth.
    issuer.ifPresent(
        iss -> document.add("authorization_servers", Jsonp.PROVIDER.createArrayBuilder().add(iss)));
    document.add("bearer_methods_supported", Jsonp.PROVIDER.createArrayBuilder().add("header"));
    if (!scopes.isEmpty()) {
      JsonArrayBuilder supported = Jsonp.PROVIDER.createArrayBuilder();
      scopes.forEach(supported::add);
      document.add("scopes_supported", supported);
    }
    return document.build().toString();
  }
}
