package dev.gatehouse.policy.masking;

import java.util.List;

/**
 * The characters every match of a numeric detector is made of: the detector's pattern runs only on
 * a maximal run of these characters around a digit or colon, and only if the run is long enough to
 * hold a match.
 */
public final class Alphabet {

  private final boolean[] ascii = new boolean[128];
  private final int minLength;
  private final int minDigits;

  /**
   * @param chars the characters, with {@code a-z}-style ranges
   * @param minLength the shortest match a detector over this alphabet produces
   */
  public Alphabet(String chars, int minLength) {
    this(chars, minLength, 0);
  }

  /**
   * @param chars the characters, with {@code a-z}-style ranges
   * @param minLength the shortest match a detector over this alphabet produces
   * @param minDigits the fewest ASCII digits a match its detectors accept holds
   */
  public Alphabet(String chars, int minLength, int minDigits) {
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (i + 2 < chars.length() && chars.charAt(i + 1) == '-') {
        for (char x = c; x <= chars.charAt(i + 2); x++) {
          ascii[x] = true;
        }
        i += 2;
      } else {
        ascii[c] = true;
      }
    }
    this.minLength = minLength;
    this.minDigits = minDigits;
  }

  /** The union of several alphabets, with the shortest of their minimum lengths. */
  static Alphabet union(List<Alphabet> alphabets) {
    Alphabet union = new Alphabet("", Integer.MAX_VALUE);
    int min = Integer.MAX_VALUE;
    for (Alphabet a : alphabets) {
      for (int c = 0; c < 128; c++) {
        union.ascii[c] |= a.ascii[c];
      }
      min = Math.min(min, a.minLength);
    }
    return new Alphabet(union.ascii, min);
  }

  private Alphabet(boolean[] ascii, int minLength) {
    System.arraycopy(ascii, 0, this.ascii, 0, 128);
    this.minLength = minLength;
    this.minDigits = 0;
  }

  /** Whether the alphabet has lower-case letters (runs of it then cross words and hashes). */
  boolean hasLowerCase() {
    for (char c = 'a'; c <= 'z'; c++) {
      if (ascii[c]) {
        return true;
      }
    }
    return false;
  }

  boolean has(char c) {
    return c < 128 && ascii[c];
  }

  int minLength() {
    return minLength;
  }

  int minDigits() {
    return minDigits;
  }
}
