package dev.gatehouse.exchange;

/**
 * Masks secrets and personal data in text before it is kept anywhere (the audit transcript, logs).
 * The policy wing provides the real implementation as a CDI alternative; {@link
 * PassThroughTranscriptMasker} stands in until it is there.
 */
public interface TranscriptMasker {

  /** The text with everything a masking detector finds replaced. */
  String mask(String text);

  /**
   * A request path or query masked before it is kept anywhere: a secret is found whether it was
   * sent plain or percent-encoded (a key in {@code /v1/keys/sk%2Dproj…} is found in the decoded
   * form, which is then what is kept).
   */
  default String maskRequestTarget(String raw) {
    if (raw == null || raw.isEmpty()) {
      return raw;
    }
    if (raw.indexOf('%') >= 0) {
      String decoded = percentDecoded(raw);
      String maskedDecoded = mask(decoded);
      if (!maskedDecoded.equals(decoded)) {
        return maskedDecoded;
      }
    }
    return mask(raw);
  }

  /** Decodes each valid {@code %XX} (as UTF-8), leaving anything else as it is. */
  static String percentDecoded(String raw) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
    byte[] bytes = raw.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length) {
        int hi = Character.digit(bytes[i + 1], 16);
        int lo = Character.digit(bytes[i + 2], 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      out.write(bytes[i]);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
