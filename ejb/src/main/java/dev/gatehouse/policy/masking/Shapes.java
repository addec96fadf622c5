package dev.gatehouse.policy.masking;

/**
 * The {@link Shape shapes} of the built-in detectors that run most often: prefixed tokens (API
 * keys), e-mail addresses and phone numbers in compact international form. Each follows its pattern
 * in {@link Detectors} exactly, leftmost-first as RE2/J matches, for the forms it knows.
 */
final class Shapes {

  private Shapes() {}

  /**
   * {@code \b(?:p1|p2|…)[tail]+} and, with {@code boundary}, a closing {@code \b}: the prefixes are
   * tried in order, each with its own tail alphabet.
   *
   * @param branches pairs of prefix and tail alphabet ({@code A-Za-z0-9_-} style ranges)
   */
  static Shape token(boolean boundary, String... branches) {
    String[] prefixes = new String[branches.length / 2];
    Alphabet[] tails = new Alphabet[prefixes.length];
    for (int b = 0; b < prefixes.length; b++) {
      prefixes[b] = branches[2 * b];
      tails[b] = new Alphabet(branches[2 * b + 1], 1);
    }
    return (text, start, limit) -> {
      if (!Shape.boundary(text, start, limit)) {
        return Shape.NO_MATCH;
      }
      for (int b = 0; b < prefixes.length; b++) {
        String prefix = prefixes[b];
        int at = start + prefix.length();
        if (at > limit || !text.startsWith(prefix, start)) {
          continue;
        }
        int end = at;
        while (end < limit && tails[b].has(text.charAt(end))) {
          end++;
        }
        // Inside a run of tail characters (all word characters where a boundary is asked for)
        // there is no \b, so a shorter tail cannot do better than the whole run.
        if (end > at && (!boundary || Shape.boundary(text, end, limit))) {
          return end;
        }
      }
      return Shape.NO_MATCH;
    };
  }

  private static final Alphabet LOCAL = new Alphabet("A-Za-z0-9._%+-", 1);
  private static final Alphabet LABEL = new Alphabet("A-Za-z0-9-", 1);

  /**
   * {@code \b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}\b}: the local
   * part runs to the {@code @}; of the labels after the first, the last one whose leading letters
   * (2 to 24 of them) end at a boundary ends the match — the one the greedy repetition reaches
   * first when it backs off.
   */
  static int email(String text, int start, int limit) {
    if (!Shape.boundary(text, start, limit)) {
      return Shape.NO_MATCH;
    }
    int at = start;
    while (at < limit && LOCAL.has(text.charAt(at))) {
      at++;
    }
    if (at == start || at >= limit || text.charAt(at) != '@') {
      return Shape.NO_MATCH;
    }
    int label = at + 1;
    int end = run(text, label, limit);
    if (end == label) {
      return Shape.NO_MATCH;
    }
    int found = Shape.NO_MATCH;
    while (end < limit && text.charAt(end) == '.') {
      label = end + 1;
      int labelEnd = run(text, label, limit);
      if (labelEnd == label) {
        break;
      }
      int letters = label;
      while (letters < labelEnd && letters - label < 25 && isLetter(text.charAt(letters))) {
        letters++;
      }
      int count = letters - label;
      if (count >= 2 && count <= 24 && (letters == limit || !Starts.word(text.charAt(letters)))) {
        found = letters;
      }
      end = labelEnd;
    }
    return found;
  }

  private static int run(String text, int from, int limit) {
    int end = from;
    while (end < limit && LABEL.has(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * The phone pattern for a number in compact international form, {@code +} and 4 to 24 digits
   * ({@code +14155550100}): its first branch then takes the whole run of digits if a boundary
   * follows, and nothing otherwise (there is no boundary between digits). Numbers written with
   * separators or parentheses, and every other form, are left to the pattern.
   */
  static int compactPhone(String text, int start, int limit) {
    if (text.charAt(start) != '+' || start + 1 >= limit) {
      return Shape.UNKNOWN;
    }
    char first = text.charAt(start + 1);
    if (first < '1' || first > '9') {
      return Shape.UNKNOWN;
    }
    int end = start + 1;
    while (end < limit && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
      end++;
    }
    if (end < limit) {
      char after = text.charAt(end);
      if (after == ' ' || after == '.' || after == '-' || after == '(' || after == ')') {
        return Shape.UNKNOWN;
      }
      if (Starts.word(after)) {
        return Shape.NO_MATCH;
      }
    }
    int digits = end - start - 1;
    return digits >= 4 && digits <= 24 ? end : Shape.NO_MATCH;
  }
}
