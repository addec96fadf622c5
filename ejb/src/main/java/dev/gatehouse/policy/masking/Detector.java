package dev.gatehouse.policy.masking;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Objects;

/**
 * One kind of secret or personal datum: an RE2/J pattern (linear time, so no input can make it
 * backtrack), the capture group that holds what must be hidden (0 for the whole match), an optional
 * validator, and the {@link Trigger} that tells where in a text the pattern is worth running.
 *
 * @param name a stable id, recorded in rule hits, for example {@code openai_key}
 * @param label what the redacted text says, for example {@code EMAIL} for {@code [EMAIL]}
 */
public record Detector(
    String name, String label, Pattern pattern, int group, Validator validator, Trigger trigger) {

  public Detector {
    Objects.requireNonNull(name);
    Objects.requireNonNull(label);
    Objects.requireNonNull(pattern);
    Objects.requireNonNull(trigger);
    validator = validator == null ? Validator.ANY : validator;
  }

  /**
   * A detector whose pattern runs on the whole text, or, with hints, on the whole text when one of
   * the literal hints occurs (a hint in lower case matches in any case).
   */
  public Detector(
      String name,
      String label,
      Pattern pattern,
      int group,
      Validator validator,
      List<String> hints) {
    this(
        name,
        label,
        pattern,
        group,
        validator,
        hints.isEmpty()
            ? new Trigger.Everywhere()
            : new Trigger.Anchored(hints, Trigger.Locator.WHOLE_TEXT));
  }

  /** A custom detector: a regular expression (RE2/J syntax) and an optional validator. */
  public static Detector custom(String name, String label, String regex, Validator validator) {
    return new Detector(name, label, Pattern.compile(regex), 0, validator, List.of());
  }
}
