package dev.gatehouse.policy;

import dev.gatehouse.exchange.GatewayRefusal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a body rule applies, the body must be one the rules read exactly as the backend will: a
 * declared type, no content coding, strict UTF-8 without a byte order mark or NUL, and no charset
 * but UTF-8 (or its subset US-ASCII). Otherwise the rules would judge one text while the backend
 * decodes another — {@code {"cmd":"rm -rf /"}} sent as UTF-16LE without a type passes a UTF-8
 * reading, and Python's {@code json.loads} detects UTF-16 and runs it — so such a body is refused
 * (415), never forwarded.
 */
public final class InspectableBody {

  private InspectableBody() {}

  /**
   * Why the request cannot be inspected by body rules, as the refusal to answer with, or empty when
   * it can.
   *
   * @param headers request headers with lower-case names
   */
  public static Optional<GatewayRefusal> refusal(Map<String, List<String>> headers, byte[] body) {
    List<String> encodings = headers.getOrDefault("content-encoding", List.of());
    for (String encoding : encodings) {
      if (!encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
        return refuse(
            "content_encoding_refused",
            "Request bodies on this connection are inspected by policy and must not be"
                + " content-encoded (Content-Encoding: "
                + encoding.strip()
                + ").");
      }
    }
    List<String> types = headers.getOrDefault("content-type", List.of());
    if (types.size() > 1) {
      return Optional.of(
          GatewayRefusal.refused(
              400, "ambiguous_content_type", "The request carries more than one Content-Type."));
    }
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    if (types.isEmpty() || types.get(0).isBlank()) {
      return refuse(
          "content_type_required",
          "Request bodies on this connection are inspected by policy and need a Content-Type.");
    }
    String charset = charset(types.get(0));
    if (charset != null && !charset.equals("utf-8") && !charset.equals("us-ascii")) {
      return refuse(
          "unsupported_charset",
          "Request bodies on this connection are inspected by policy and must be UTF-8, not "
              + charset
              + ".");
    }
    if (hasByteOrderMark(body)) {
      return refuse("body_has_bom", "The request body starts with a byte order mark.");
    }
    for (byte b : body) {
      if (b == 0) {
        return refuse("body_has_nul", "The request body contains a NUL byte.");
      }
    }
    if (!isStrictUtf8(body)) {
      return refuse("body_not_utf8", "The request body is not valid UTF-8.");
    }
    return Optional.empty();
  }

  /** Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or stray bytes). */
  public static boolean isStrictUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean hasByteOrderMark(byte[] body) {
    int b0 = body[0] & 0xff;
    int b1 = body.length > 1 ? body[1] & 0xff : -1;
    int b2 = body.length > 2 ? body[2] & 0xff : -1;
    return (b0 == 0xef && b1 == 0xbb && b2 == 0xbf)
        || (b0 == 0xfe && b1 == 0xff)
        || (b0 == 0xff && b1 == 0xfe);
  }

  /** The charset parameter of a media type, lower-cased and unquoted, or {@code null}. */
  private static String charset(String contentType) {
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].split("=", 2);
      if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
        return pair[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static Optional<GatewayRefusal> refuse(String reason, String detail) {
    return Optional.of(GatewayRefusal.refused(415, reason, detail));
  }
}
