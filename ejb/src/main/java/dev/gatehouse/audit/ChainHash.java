package dev.gatehouse.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The hash of a chained audit record, hex, over its canonical form: SHA-256 for an unkeyed record
 * (format v1), HMAC-SHA256 under the chain key for a keyed one (format v2).
 *
 * <p>Canonical form v1 (UTF-8): the line {@code gatehouse-audit-v1}, then one line per {@link
 * AuditField} in declaration order — {@code seq} and {@code prev_hash} first, so each record covers
 * its place and its predecessor — written as {@code <column>=~} for a null value, else {@code
 * <column>=<n>:<text>} where {@code n} is the number of UTF-8 bytes of {@code text}; each line ends
 * with {@code \n}. Text of an instant is ISO-8601 UTC at microsecond precision ({@code
 * 2026-11-25T23:30:01.123456Z}), of numbers decimal, of booleans {@code true}/{@code false}. The
 * length prefix makes the form unambiguous whatever the values contain.
 *
 * <p>Canonical form v2: the line {@code gatehouse-audit-v2-hmac}, the line {@code key_id=<n>:<id>}
 * (the key's id, see {@link ChainKeys}), then the field lines exactly as in v1. Anyone can compute
 * a v1 hash, so an intruder who rewrites a row can rewrite every later one to match; a v2 hash
 * needs the key, which is never in the database.
 */
final class ChainHash {

  static final String FORMAT = "gatehouse-audit-v1";

  static final String FORMAT_HMAC = "gatehouse-audit-v2-hmac";

  /** The predecessor hash of the first record. */
  static final String GENESIS = "0".repeat(64);

  private ChainHash() {}

  /** The v1 canonical form. */
  static String canonicalForm(AuditEntry entry) {
    return fields(new StringBuilder(512).append(FORMAT).append('\n'), entry).toString();
  }

  /** The v2 canonical form, for a record sealed under the key with that id. */
  static String canonicalForm(AuditEntry entry, String keyId) {
    StringBuilder out = new StringBuilder(560).append(FORMAT_HMAC).append('\n');
    line(out, "key_id", keyId);
    return fields(out, entry).toString();
  }

  private static StringBuilder fields(StringBuilder out, AuditEntry entry) {
    for (AuditField field : AuditField.values()) {
      Object value = entry.get(field);
      if (value == null && field.hashedWhenSet) {
        continue;
      }
      line(out, field.column, value == null ? null : value.toString());
    }
    return out;
  }

  private static void line(StringBuilder out, String name, String text) {
    out.append(name).append('=');
    if (text == null) {
      out.append('~');
    } else {
      out.append(text.getBytes(StandardCharsets.UTF_8).length).append(':').append(text);
    }
    out.append('\n');
  }

  /** The v1 hash: SHA-256 of the v1 canonical form. */
  static String of(AuditEntry entry) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(canonicalForm(entry).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The v2 hash: HMAC-SHA256 of the v2 canonical form under the key with that id. */
  static String hmac(AuditEntry entry, String keyId, SecretKey key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of()
          .formatHex(mac.doFinal(canonicalForm(entry, keyId).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /**
   * The hash a record must carry: v2 under its key id when it has one, v1 otherwise; null when the
   * record names a key this ring does not hold (it cannot be checked, nor written).
   */
  static String of(AuditEntry entry, ChainKeys keys) {
    String keyId = entry.keyId();
    if (keyId == null) {
      return of(entry);
    }
    SecretKey key = keys.key(keyId);
    return key == null ? null : hmac(entry, keyId, key);
  }
}
