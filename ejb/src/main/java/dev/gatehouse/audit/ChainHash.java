package dev.gatehouse.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a chained audit record: SHA-256, hex, over its canonical form.
 *
 * <p>Canonical form (UTF-8): the line {@code gatehouse-audit-v1}, then one line per {@link
 * AuditField} in declaration order — {@code seq} and {@code prev_hash} first, so each record covers
 * its place and its predecessor — written as {@code <column>=~} for a null value, else {@code
 * <column>=<n>:<text>} where {@code n} is the number of UTF-8 bytes of {@code text}; each line ends
 * with {@code \n}. Text of an instant is ISO-8601 UTC at microsecond precision ({@code
 * 2026-11-25T23:30:01.123456Z}), of numbers decimal, of booleans {@code true}/{@code false}. The
 * length prefix makes the form unambiguous whatever the values contain.
 */
final class ChainHash {

  static final String FORMAT = "gatehouse-audit-v1";

  /** The predecessor hash of the first record. */
  static final String GENESIS = "0".repeat(64);

  private ChainHash() {}

  static String canonicalForm(AuditEntry entry) {
    StringBuilder out = new StringBuilder(512).append(FORMAT).append('\n');
    for (AuditField field : AuditField.values()) {
      out.append(field.column).append('=');
      Object value = entry.get(field);
      if (value == null) {
        out.append('~');
      } else {
        String text = value.toString();
        out.append(text.getBytes(StandardCharsets.UTF_8).length).append(':').append(text);
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String of(AuditEntry entry) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(canonicalForm(entry).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
