package dev.gatehouse.policy.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * The characters every match of a detector is made of, used as a prefilter: the detector's pattern
 * runs only on maximal runs of these characters that are long enough to hold a match, rather than
 * on the whole text. A plain scan finds the runs far faster than a regular expression would.
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

  /**
   * The {@code [start, end)} runs of the text made of these characters, at least the minimum long.
   */
  List<int[]> regions(String text) {
    List<int[]> regions = new ArrayList<>();
    int length = text.length();
    int i = 0;
    while (i < length) {
      while (i < length && !has(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < length && has(text.charAt(i))) {
        i++;
      }
      if (i - start >= minLength) {
        regions.add(new int[] {start, i});
      }
    }
    return regions;
  }
}
