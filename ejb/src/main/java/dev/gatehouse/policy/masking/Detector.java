package dev.gatehouse.policy.masking;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One kind of secret or personal datum: an RE2/J pattern (linear time, so no input can make it
 * backtrack), the capture group that holds what must be hidden (0 for the whole match), an optional
 * validator, and literal hints of which at least one must occur in the text for the pattern to be
 * worth running (an empty list means always run), and optionally the {@link Alphabet} its matches
 * are made of (then it runs only on runs of those characters).
 *
 * <p>A hint written in lower case matches in any case; any other hint matches exactly.
 *
 * @param name a stable id, recorded in rule hits, for example {@code openai_key}
 * @param label what the redacted text says, for example {@code EMAIL} for {@code [EMAIL]}
 */
public record Detector(
    String name,
    String label,
    Pattern pattern,
    int group,
    Validator validator,
    List<String> hints,
    Alphabet alphabet) {

  /**
   * Whether the detector's matches lie near one of its hints (a secret's name and its value), so
   * that it runs only on windows around the hints.
   */
  boolean windowed() {
    return !hints.isEmpty() && alphabet == null && group != 0;
  }

  /** A detector that runs on the whole text. */
  public Detector(
      String name,
      String label,
      Pattern pattern,
      int group,
      Validator validator,
      List<String> hints) {
    this(name, label, pattern, group, validator, hints, null);
  }

  public Detector {
    Objects.requireNonNull(name);
    Objects.requireNonNull(label);
    Objects.requireNonNull(pattern);
    validator = validator == null ? Validator.ANY : validator;
    hints = List.copyOf(hints);
  }

  /** A custom detector: a regular expression (RE2/J syntax) and an optional validator. */
  public static Detector custom(String name, String label, String regex, Validator validator) {
    return new Detector(name, label, Pattern.compile(regex), 0, validator, List.of());
  }

  boolean worthRunningOn(String text, String lowerCase) {
    if (hints.isEmpty()) {
      return true;
    }
    for (String hint : hints) {
      boolean anyCase = hint.equals(hint.toLowerCase(Locale.ROOT));
      if ((anyCase ? lowerCase : text).contains(hint)) {
        return true;
      }
    }
    return false;
  }
}
