package dev.gatehouse.policy.masking;

import java.util.Random;

/**
 * Format-valid but made-up tokens for the tests, drawn from a fixed seed: random tails of the right
 * alphabet and length, checksums computed here. Callers assemble prefixes by concatenation so that
 * no source file holds a token a secret scanner would report.
 */
final class FakeTokens {

  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";
  static final String HEX = "0123456789abcdef";
  static final String ALNUM = UPPER + LOWER + DIGITS;
  static final String UPPER_ALNUM = UPPER + DIGITS;
  static final String LOWER_ALNUM = LOWER + DIGITS;
  static final String LETTERS = UPPER + LOWER;

  private final Random random;

  FakeTokens(long seed) {
    this.random = new Random(seed);
  }

  /** {@code n} characters drawn from the alphabet. */
  String of(String alphabet, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** A GitHub- or npm-style token: the prefix, 30 base62 characters and their CRC32 checksum. */
  String checksummed(String prefix) {
    String body = of(ALNUM, 30);
    return prefix + body + Checksums.base62Crc32Of(body);
  }

  /** A UUID's text, lower-case hex. */
  String uuid() {
    return of(HEX, 8) + "-" + of(HEX, 4) + "-" + of(HEX, 4) + "-" + of(HEX, 4) + "-" + of(HEX, 12);
  }
}
