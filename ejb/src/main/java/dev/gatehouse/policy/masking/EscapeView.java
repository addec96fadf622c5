package dev.gatehouse.policy.masking;

/**
 * A text as detectors should see it: JSON string escapes that can hide a secret's characters —
 * {@code \u0073k-…} for {@code sk-…}, {@code \/} inside an AWS key — resolved, with the way back to
 * positions in the original text. Escapes that would change the JSON's structure ({@code \"},
 * {@code \\}, control characters) are left as they are, so detectors that read JSON still do; a
 * backslash escaping a backslash is skipped as a pair, so {@code \\u0041} stays text.
 */
final class EscapeView {

  private final String text;
  private final int[] rawIndex;

  private EscapeView(String text, int[] rawIndex) {
    this.text = text;
    this.rawIndex = rawIndex;
  }

  static EscapeView of(String raw) {
    int first = raw.indexOf('\\');
    if (first < 0 || first == raw.length() - 1) {
      return new EscapeView(raw, null);
    }
    StringBuilder out = null;
    int[] index = null;
    int length = raw.length();
    int i = first;
    while (i < length) {
      char c = raw.charAt(i);
      int consumed = 1;
      char decoded = c;
      if (c == '\\' && i + 1 < length) {
        char e = raw.charAt(i + 1);
        consumed = 2;
        if (e == '/') {
          decoded = '/';
        } else if (e == 'u') {
          int value = hex4(raw, i + 2);
          if (value >= 0x20 && value != '"' && value != '\\') {
            decoded = (char) value;
            consumed = 6;
          }
        }
      }
      if (consumed > 1 && decoded != c) {
        if (out == null) {
          out = new StringBuilder(length);
          out.append(raw, 0, i);
          index = new int[length + 1];
          for (int j = 0; j <= i; j++) {
            index[j] = j;
          }
        }
        index[out.length()] = i;
        out.append(decoded);
        i += consumed;
      } else {
        for (int j = 0; j < consumed && i < length; j++, i++) {
          if (out != null) {
            index[out.length()] = i;
            out.append(raw.charAt(i));
          }
        }
      }
    }
    if (out == null) {
      return new EscapeView(raw, null);
    }
    index[out.length()] = length;
    return new EscapeView(out.toString(), index);
  }

  private static int hex4(String s, int from) {
    if (from + 4 > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = Character.digit(s.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  /** The text with the escapes resolved. */
  String text() {
    return text;
  }

  /** The position in the original text of a position (or end position) in {@link #text()}. */
  int raw(int position) {
    return rawIndex == null ? position : rawIndex[position];
  }
}
