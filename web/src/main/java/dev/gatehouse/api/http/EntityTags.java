package dev.gatehouse.api.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The strong entity tags of the admin API: an entity's version where it has one (a JPA
 * {@code @Version}), so that {@code If-Match} can be checked by the store; otherwise a hash of the
 * representation, for a resource that will have no version column. Each is the tag's opaque value,
 * for {@link jakarta.ws.rs.core.Response.ResponseBuilder#tag(String)}, which quotes it.
 */
public final class EntityTags {

  private EntityTags() {}

  /** {@code <version>}, sent as {@code ETag: "<version>"}. */
  public static String ofVersion(long version) {
    return Long.toString(version);
  }

  /** The base64url of the SHA-256 of the representation. */
  public static String ofContent(String representation) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(representation.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
