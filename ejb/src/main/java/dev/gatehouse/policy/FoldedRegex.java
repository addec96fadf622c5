package dev.gatehouse.policy;

import com.google.re2j.Pattern;
import java.util.Optional;

/**
 * Compiles a case-insensitive rule's pattern for input that is already folded to lower case.
 *
 * <p>A case-insensitive rule sees only folded input ({@link InputNormalizer#fold}), so matching it
 * with {@code CASE_INSENSITIVE} does nothing but make RE2/J slower: with case folding on, RE2/J
 * drops the literal-prefix scan that lets it skip with {@code indexOf} to where a match can start
 * (JFR: deny rules were a third of the CPU with every policy on). So a pattern whose letters can
 * simply be lowered is lowered and compiled case-sensitively. A pattern is lowered only when that
 * is plainly equivalent on folded input: ASCII, and no construct whose letters are not literals
 * (escapes such as {@code \x41}, {@code \pL}, {@code \Q…\E}, inline flags, POSIX classes) and no
 * upper-case letter in a character class (where {@code [A-z]} would change its range). Any other
 * pattern keeps {@code CASE_INSENSITIVE}. An escaped letter ({@code \S}, {@code \B}) is never
 * lowered.
 */
final class FoldedRegex {

  private FoldedRegex() {}

  /** The pattern compiled for folded input. */
  static Pattern compile(String pattern) {
    return lowered(pattern)
        .map(Pattern::compile)
        .orElseGet(() -> Pattern.compile(pattern, Pattern.CASE_INSENSITIVE));
  }

  /** The pattern with its literal letters lowered, when that is safe (see the class comment). */
  static Optional<String> lowered(String pattern) {
    if (pattern.contains("(?")
        || pattern.contains("[:")
        || pattern.contains("[]")
        || pattern.contains("[^]")) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder(pattern.length());
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c > 0x7f) {
        return Optional.empty();
      }
      if (c == '\\') {
        if (i + 1 >= pattern.length()) {
          return Optional.empty();
        }
        char escaped = pattern.charAt(i + 1);
        if ("xpPQEC".indexOf(escaped) >= 0 || Character.isDigit(escaped)) {
          return Optional.empty();
        }
        out.append(c).append(escaped);
        i++;
        continue;
      }
      if (c == '[') {
        inClass = true;
      } else if (c == ']') {
        inClass = false;
      } else if (c >= 'A' && c <= 'Z') {
        if (inClass) {
          return Optional.empty();
        }
        c = Character.toLowerCase(c);
      }
      out.append(c);
    }
    return Optional.of(out.toString());
  }
}
