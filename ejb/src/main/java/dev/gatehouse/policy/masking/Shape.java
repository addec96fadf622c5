package dev.gatehouse.policy.masking;

/**
 * A hand-written matcher for the commonest forms of a built-in detector's matches, answering what
 * its RE2/J pattern would answer anchored at a position — only without running RE2/J's NFA, which
 * costs one to four microseconds a call even on a short token. Where a text is not of a form the
 * shape knows, it says so and the pattern decides. {@code ShapesTest} checks every shape against
 * its pattern on random texts.
 */
@FunctionalInterface
interface Shape {

  /** The text is not of a form this shape knows: run the pattern. */
  int UNKNOWN = -2;

  /** The pattern does not match at this position. */
  int NO_MATCH = -1;

  /**
   * What the detector's pattern, run anchored at {@code start} on {@code text} up to {@code limit}
   * (which it sees as the end of the text; the character before {@code start} is its context),
   * would match.
   *
   * @return the end of the match (group 0), {@link #NO_MATCH} or {@link #UNKNOWN}
   */
  int match(String text, int start, int limit);

  /** RE2's {@code \b} at {@code at}, the text ending at {@code limit}. */
  static boolean boundary(String text, int at, int limit) {
    boolean before = at > 0 && Starts.word(text.charAt(at - 1));
    boolean after = at < limit && Starts.word(text.charAt(at));
    return before != after;
  }
}
