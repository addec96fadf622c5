package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every match of a regular expression contains: a list of factors, each a set of strings of
 * which a match holds at least one ({@code (drop|truncate)\s+table}: {@code {drop, truncate}} and
 * {@code {table}}). A text that lacks one factor's strings cannot match, and is turned away with a
 * few {@code indexOf} calls instead of RE2/J's NFA running over the whole body — the NFA costs tens
 * of nanoseconds a character, and a deny rule almost never matches.
 *
 * <p>The analysis is conservative: a construct it does not know (flags, {@code \Q}, Unicode
 * classes, back-references, anything odd) gives no factors, and the pattern then always runs. Like
 * RE2/J's own prefilter in the C++ RE2, this only ever skips texts the pattern cannot match.
 */
final class RequiredLiterals {

  /** Exact sets larger than this are given up (cross products grow fast). */
  private static final int MAX_EXACT = 16;

  private final List<List<String>> factors;

  private RequiredLiterals(List<List<String>> factors) {
    this.factors = factors;
  }

  /** The factors of a pattern (RE2 syntax), if any are known. */
  static Optional<RequiredLiterals> of(String pattern) {
    try {
      Parser parser = new Parser(pattern);
      Info info = parser.alternation();
      if (parser.pos != pattern.length()) {
        return Optional.empty();
      }
      List<Set<String>> required = info.requiredWithExact();
      List<List<String>> factors = new ArrayList<>();
      for (Set<String> factor : required) {
        if (!factor.isEmpty() && !factor.contains("")) {
          factors.add(List.copyOf(factor));
        }
      }
      return factors.isEmpty() ? Optional.empty() : Optional.of(new RequiredLiterals(factors));
    } catch (Unknown e) {
      return Optional.empty();
    }
  }

  /** Whether the text holds one string of every factor (so the pattern may match it). */
  boolean admits(String text) {
    for (List<String> factor : factors) {
      boolean any = false;
      for (String s : factor) {
        if (text.contains(s)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  List<List<String>> factors() {
    return factors;
  }

  /** A construct the analysis does not know. */
  private static final class Unknown extends RuntimeException {
    Unknown() {
      super(null, null, false, false);
    }
  }

  /**
   * What a piece of a pattern matches: {@code exact}, every string it can match (null when unknown
   * or too many), and {@code required}, factors every match satisfies.
   */
  private record Info(Set<String> exact, List<Set<String>> required) {

    static Info exactly(String... strings) {
      return new Info(new LinkedHashSet<>(List.of(strings)), List.of());
    }

    static Info anything() {
      return new Info(null, List.of());
    }

    /** The factors, with the exact set as one more when it is known. */
    List<Set<String>> requiredWithExact() {
      List<Set<String>> all = new ArrayList<>(required);
      if (exact != null) {
        all.add(exact);
      }
      return all;
    }
  }

  private static final class Parser {
    private final String p;
    int pos;

    Parser(String pattern) {
      this.p = pattern;
    }

    Info alternation() {
      List<Info> branches = new ArrayList<>();
      branches.add(concatenation());
      while (pos < p.length() && p.charAt(pos) == '|') {
        pos++;
        branches.add(concatenation());
      }
      if (branches.size() == 1) {
        return branches.get(0);
      }
      Set<String> exact = new LinkedHashSet<>();
      Set<String> union = new LinkedHashSet<>();
      boolean allExact = true;
      boolean allRequire = true;
      for (Info b : branches) {
        if (b.exact() == null) {
          allExact = false;
        } else {
          exact.addAll(b.exact());
        }
        Set<String> best = best(b.requiredWithExact());
        if (best == null) {
          allRequire = false;
        } else {
          union.addAll(best);
        }
      }
      if (allExact && exact.size() <= MAX_EXACT) {
        return new Info(exact, List.of());
      }
      return new Info(null, allRequire ? List.of(union) : List.of());
    }

    /** The factor with the longest shortest string, or null when none constrains. */
    private static Set<String> best(List<Set<String>> factors) {
      Set<String> best = null;
      int bestLength = 0;
      for (Set<String> f : factors) {
        int shortest = f.stream().mapToInt(String::length).min().orElse(0);
        if (shortest > bestLength) {
          best = f;
          bestLength = shortest;
        }
      }
      return best;
    }

    Info concatenation() {
      Set<String> exact = new LinkedHashSet<>(Set.of(""));
      List<Set<String>> required = new ArrayList<>();
      while (pos < p.length() && p.charAt(pos) != '|' && p.charAt(pos) != ')') {
        Info piece = repeat(atom());
        if (exact != null && piece.exact() != null) {
          Set<String> product = new LinkedHashSet<>();
          for (String a : exact) {
            for (String b : piece.exact()) {
              product.add(a + b);
            }
          }
          if (product.size() <= MAX_EXACT) {
            exact = product;
            continue;
          }
        }
        if (exact != null) {
          required.add(exact);
        }
        required.addAll(piece.required());
        exact = piece.exact() == null ? null : new LinkedHashSet<>(piece.exact());
        if (exact == null) {
          exact = new LinkedHashSet<>(Set.of(""));
        }
      }
      return new Info(exact, required);
    }

    private Info repeat(Info atom) {
      if (pos >= p.length()) {
        return atom;
      }
      char c = p.charAt(pos);
      Info result;
      if (c == '*') {
        pos++;
        result = Info.anything();
      } else if (c == '?') {
        pos++;
        if (atom.exact() == null) {
          result = Info.anything();
        } else {
          Set<String> exact = new LinkedHashSet<>(atom.exact());
          exact.add("");
          result = new Info(exact, List.of());
        }
      } else if (c == '+') {
        pos++;
        result = new Info(null, atom.requiredWithExact());
      } else if (c == '{' && pos + 1 < p.length() && Character.isDigit(p.charAt(pos + 1))) {
        int close = p.indexOf('}', pos);
        if (close < 0) {
          throw new Unknown();
        }
        String[] bounds = p.substring(pos + 1, close).split(",", -1);
        int min;
        try {
          min = Integer.parseInt(bounds[0]);
        } catch (NumberFormatException e) {
          throw new Unknown();
        }
        pos = close + 1;
        result = min == 0 ? Info.anything() : new Info(null, atom.requiredWithExact());
      } else {
        return atom;
      }
      // A lazy quantifier matches the same texts.
      if (pos < p.length() && p.charAt(pos) == '?') {
        pos++;
      }
      if (pos < p.length() && "*+?{".indexOf(p.charAt(pos)) >= 0) {
        throw new Unknown();
      }
      return result;
    }

    private Info atom() {
      char c = p.charAt(pos);
      switch (c) {
        case '(' -> {
          pos++;
          if (p.startsWith("?:", pos)) {
            pos += 2;
          } else if (p.startsWith("?P<", pos) || p.startsWith("?<", pos)) {
            int close = p.indexOf('>', pos);
            if (close < 0) {
              throw new Unknown();
            }
            pos = close + 1;
          } else if (pos < p.length() && p.charAt(pos) == '?') {
            throw new Unknown();
          }
          Info inner = alternation();
          if (pos >= p.length() || p.charAt(pos) != ')') {
            throw new Unknown();
          }
          pos++;
          return inner;
        }
        case '[' -> {
          skipClass();
          return Info.anything();
        }
        case '.' -> {
          pos++;
          return Info.anything();
        }
        case '^', '$' -> {
          pos++;
          return Info.exactly("");
        }
        case '\\' -> {
          return escape();
        }
        case '*', '+', '?', '{', ')', '|' -> throw new Unknown();
        default -> {
          pos++;
          return Info.exactly(String.valueOf(c));
        }
      }
    }

    private Info escape() {
      if (pos + 1 >= p.length()) {
        throw new Unknown();
      }
      char e = p.charAt(pos + 1);
      pos += 2;
      if ("bBAz".indexOf(e) >= 0) {
        return Info.exactly("");
      }
      if ("sSdDwW".indexOf(e) >= 0) {
        return Info.anything();
      }
      if (e == 'n') {
        return Info.exactly("\n");
      }
      if (e == 't') {
        return Info.exactly("\t");
      }
      if (e == 'r') {
        return Info.exactly("\r");
      }
      if (e < 0x80 && !Character.isLetterOrDigit(e)) {
        return Info.exactly(String.valueOf(e));
      }
      // \Q, \x, \p, \C, back-references and the rest: not analysed.
      throw new Unknown();
    }

    private void skipClass() {
      int i = pos + 1;
      if (i < p.length() && p.charAt(i) == '^') {
        i++;
      }
      if (i < p.length() && p.charAt(i) == ']') {
        i++;
      }
      while (i < p.length() && p.charAt(i) != ']') {
        char c = p.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '[') {
          // [[:alpha:]] and friends: not analysed.
          throw new Unknown();
        }
        i++;
      }
      if (i >= p.length()) {
        throw new Unknown();
      }
      pos = i + 1;
    }
  }
}
