package dev.gatehouse.policy.masking;

/**
 * The characters every match of a numeric detector is made of: the detector's pattern runs only on
 * a maximal run of these characters around a digit or colon, and only if the run is long enough to
 * hold a match.
 */
public final class Alphabet {

  private final boolean[] ascii = new boolean[128];
  private final int minLength;

  /**
   * @param chars the characters, with {@code a-z}-style ranges
   * @param minLength the shortest match a detector over this alphabet produces
   */
  public Alphabet(String chars, int minLength) {
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
  }

  boolean has(char c) {
    return c < 128 && ascii[c];
  }

  int minLength() {
    return minLength;
  }
}
