package dev.gatehouse.policy.masking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Checksums that some token formats carry, so that a look-alike with the right prefix and length
 * but made up characters is not taken for a token.
 */
final class Checksums {

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private Checksums() {}

  /**
   * The checksum of GitHub's and npm's token formats: the last six characters of the tail are the
   * CRC32 of the characters before them, in base62 ({@code 0-9A-Za-z}), padded with {@code 0}.
   *
   * @param start where the tail starts (after {@code ghp_}, {@code npm_}…)
   */
  static boolean base62Crc32(CharSequence text, int start, int end) {
    int body = end - 6;
    if (body <= start) {
      return false;
    }
    CRC32 crc = new CRC32();
    for (int i = start; i < body; i++) {
      char c = text.charAt(i);
      if (c > 0x7f) {
        return false;
      }
      crc.update(c);
    }
    long written = 0;
    for (int i = body; i < end; i++) {
      int digit = BASE62.indexOf(text.charAt(i));
      if (digit < 0) {
        return false;
      }
      written = written * 62 + digit;
    }
    return written == crc.getValue();
  }

  /** The base62 checksum {@link #base62Crc32} expects after {@code body}. */
  static String base62Crc32Of(String body) {
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] digits = new char[6];
    for (int i = 5; i >= 0; i--) {
      digits[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(digits);
  }

  /**
   * HTTP Basic credentials: strict base64 (padded) of printable ASCII holding a {@code :} between a
   * user and a password — what makes {@code Basic understanding} prose, not a credential.
   */
  static boolean basicCredentials(CharSequence text, int start, int end) {
    int length = end - start;
    if (length < 8 || length % 4 != 0) {
      return false;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text.subSequence(start, end).toString());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    int colon = -1;
    for (int i = 0; i < decoded.length; i++) {
      int b = decoded[i] & 0xff;
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
      if (b == ':' && colon < 0) {
        colon = i;
      }
    }
    return colon >= 1 && colon < decoded.length - 1;
  }
}
