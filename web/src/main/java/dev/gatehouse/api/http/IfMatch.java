package dev.gatehouse.api.http;

/**
 * Reads the {@code If-Match} precondition of a change (PUT, PATCH, DELETE) to an admin resource.
 * Without one (or with {@code *}) the change is unconditional, as it always was for connections; a
 * tag that names another state fails the precondition ({@link PreconditionFailed}, 412). A weak tag
 * is read like a strong one, as connections always accepted it.
 */
public final class IfMatch {

  private IfMatch() {}

  /**
   * The version an {@code If-Match} names, for a store that checks it.
   *
   * @return {@code null} when the header is absent, blank or {@code *}
   * @throws PreconditionFailed when it names no version (not a number, or several tags)
   */
  public static Long version(String ifMatch) {
    String tag = opaqueTag(ifMatch);
    if (tag == null) {
      return null;
    }
    try {
      return Long.valueOf(tag);
    } catch (NumberFormatException e) {
      throw new PreconditionFailed("If-Match does not name a version of this resource.");
    }
  }

  /**
   * Checks an {@code If-Match} against the resource's current tag, its opaque value (for a resource
   * tagged by {@link EntityTags#ofContent}).
   *
   * @throws PreconditionFailed when the header names another tag
   */
  public static void require(String ifMatch, String current) {
    String tag = opaqueTag(ifMatch);
    if (tag != null && !tag.equals(current)) {
      throw new PreconditionFailed("The resource changed since it was read; read it again.");
    }
  }

  /** The tag's opaque value, or {@code null} for no precondition. */
  private static String opaqueTag(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return null;
    }
    String tag = ifMatch.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.indexOf(',') >= 0) {
      throw new PreconditionFailed("If-Match must name one entity tag.");
    }
    return tag.replace("\"", "");
  }
}
