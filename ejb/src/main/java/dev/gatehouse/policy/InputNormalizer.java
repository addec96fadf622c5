package dev.gatehouse.policy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Brings input to the one form deny rules are matched against, so that the usual evasions match
 * like the plain text: percent-encoding (decoded up to three times, for double encoding), Unicode
 * compatibility forms (NFKC: full-width letters, ligatures, super-scripts), invisible format
 * characters (zero-width space and joiners, BOM, soft hyphen, bidi marks — removed), and, when the
 * rule asks for it, case. JSON string escapes are resolved by parsing, see {@link RequestSample}.
 */
public final class InputNormalizer {

  private static final int PERCENT_PASSES = 3;

  private InputNormalizer() {}

  /** Percent-decoded, NFKC, invisible characters removed. */
  public static String normalize(String input) {
    if (input == null || input.isEmpty()) {
      return "";
    }
    if (plainAscii(input)) {
      // Nothing to decode, compose or strip: NFKC leaves printable ASCII as it is.
      return input;
    }
    String s = input;
    for (int pass = 0; pass < PERCENT_PASSES && s.indexOf('%') >= 0; pass++) {
      String decoded = percentDecode(s);
      if (decoded.equals(s)) {
        break;
      }
      s = decoded;
    }
    s = stripInvisible(Normalizer.normalize(stripInvisible(s), Normalizer.Form.NFKC));
    return s;
  }

  private static boolean plainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x7f || c == '%' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        return false;
      }
    }
    return true;
  }

  /** Case folded: upper then lower case, so that for example {@code ß} and {@code SS} agree. */
  public static String fold(String normalized) {
    return normalized.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  static String percentDecode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    boolean changed = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          bytes.write(hi * 16 + lo);
          i += 2;
          changed = true;
          continue;
        }
      }
      byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
        utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
        i++;
      }
      bytes.write(utf8, 0, utf8.length);
    }
    return changed ? bytes.toString(StandardCharsets.UTF_8) : s;
  }

  static String stripInvisible(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (invisible(c)) {
        if (out == null) {
          out = new StringBuilder(s.length());
          out.append(s, 0, i);
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean invisible(char c) {
    return Character.getType(c) == Character.FORMAT
        || c == '\u180E'
        || c == '\u115F'
        || c == '\u1160'
        || c == '\u3164'
        || c == '\uFFA0'
        || c == '\u034F';
  }
}
