package dev.gatehouse.policy.masking;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a detector's pattern is worth running: the {@link CandidateScanner} finds the triggers of
 * all detectors in one pass over the text, and each trigger names the small window of text its
 * detector's regular expression then runs on. A trigger must never miss a match of its pattern:
 * every match contains one of its literals (or, for {@link Numeric}, a digit or a colon) and lies
 * inside the window it returns.
 */
public sealed interface Trigger {

  /** Run the pattern on the whole text: custom detectors, whose shape the gateway cannot know. */
  record Everywhere() implements Trigger {}

  /**
   * Literals of which every match contains one.
   *
   * @param literals the literals; one written in lower case matches in any case, any other exactly
   * @param locator the window to search around an occurrence
   * @param start where in a window a match can start, or {@code null}: anywhere
   */
  record Anchored(List<String> literals, Locator locator, Start start) implements Trigger {
    public Anchored {
      literals = List.copyOf(literals);
      Objects.requireNonNull(locator);
    }

    public Anchored(List<String> literals, Locator locator) {
      this(literals, locator, null);
    }

    static boolean anyCase(String literal) {
      return literal.equals(literal.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Every match is made of the alphabet's characters, contains a digit or a colon, and is at most
   * {@code longest} characters long: the pattern is tried at each {@code start} in the maximal run
   * of the alphabet around such a character, if the run passes the check, on no more than {@code
   * longest} characters (and one either side) — so the work per position is bounded, however long
   * the run.
   */
  record Numeric(Alphabet alphabet, RunCheck check, Start start, int longest) implements Trigger {
    public Numeric {
      Objects.requireNonNull(start);
      if (longest <= 0) {
        throw new IllegalArgumentException("longest must be positive");
      }
    }
  }

  /** The start of the trigger's detector's matches, if known. */
  default Start start() {
    return null;
  }

  /** Finds the window around one occurrence of an anchor literal. */
  @FunctionalInterface
  interface Locator {
    /** Whole text: the pattern runs once over all of it when any literal occurs. */
    Locator WHOLE_TEXT = (text, start, end) -> Window.of(0, text.length());

    /**
     * @param start where the literal starts in {@code text}
     * @param end where it ends
     * @return the window as {@link Window#of}, or {@link Window#NONE} when no match can be there
     */
    long window(String text, int start, int end);
  }

  /**
   * A necessary condition for a match to start at a position, so that the pattern is tried anchored
   * there (RE2/J matches an anchored pattern several times faster than it searches).
   */
  @FunctionalInterface
  interface Start {
    boolean at(String text, int position);
  }

  /** A cheap necessary condition on a run, so that most runs never reach the pattern. */
  @FunctionalInterface
  interface RunCheck {
    boolean worthMatching(String text, int start, int end);
  }
}
