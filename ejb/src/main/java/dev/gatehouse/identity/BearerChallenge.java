package dev.gatehouse.identity;

import java.util.List;
import java.util.Locale;

/**
 * The {@code WWW-Authenticate} value of a 401: RFC 6750 §3, with RFC 9728 §5.1's {@code
 * resource_metadata} so that a client without a token (an MCP client above all) can find where to
 * get one. An error code is given only when a token was offered: a request that simply lacked one
 * is not an error (RFC 6750 §3.1).
 */
public final class BearerChallenge {

  private BearerChallenge() {}

  /**
   * @param error {@code invalid_token} or another RFC 6750 code, or {@code null} when no token was
   *     offered
   * @param description what was wrong, for a developer; {@code null} with no error
   * @param resourceMetadata the URL of the resource's metadata, or {@code null}
   * @param scopes the scopes to ask for, possibly none
   */
  public static String of(
      String error, String description, String resourceMetadata, List<String> scopes) {
    StringBuilder challenge = new StringBuilder("Bearer realm=\"gatehouse\"");
    if (error != null) {
      parameter(challenge, "error", error);
      if (description != null) {
        parameter(challenge, "error_description", description.toLowerCase(Locale.ROOT));
      }
    }
    if (resourceMetadata != null) {
      parameter(challenge, "resource_metadata", resourceMetadata);
    }
    if (!scopes.isEmpty()) {
      parameter(challenge, "scope", String.join(" ", scopes));
    }
    return challenge.toString();
  }

  private static void parameter(StringBuilder challenge, String name, String value) {
    // A quoted-string may escape quotes, but few clients unescape: keep the text readable instead.
    String quoted = value.replace('"', '\'').replace('\\', '/');
    challenge.append(", ").append(name).append("=\"").append(quoted).append('"');
  }
}
