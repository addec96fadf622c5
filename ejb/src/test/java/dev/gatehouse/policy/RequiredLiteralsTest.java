package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The deny rules' literal prefilter: it must never turn away a text its pattern matches. */
class RequiredLiteralsTest {

  private static final List<String> PATTERNS =
      List.of(
          "(drop|truncate)\\s+table",
          "(?:ignore|disregard) (?:all|previous) instructions",
          "ignore (all )?previous instructions",
          "\\bsudo\\s+\\S+",
          "(a+)+$",
          "[A-Z]{20,}",
          "eval\\(",
          "DELETE|PUT",
          "union\\s+select",
          "\\.\\./",
          "colou?r",
          "(foo|)bar",
          "a\\|b",
          "[|]x",
          "ab*c",
          "(ab){2}",
          "a{0}b",
          "x{0,3}yz",
          "[]a]bc",
          "[^]x]yz",
          "(?P<verb>drop|rm) -rf",
          "rm -rf /",
          "a.b",
          "^admin$",
          "(cat|dog)s?(food|toy)",
          "((a|b)(c|d)){3}e",
          "wget http",
          "a+?b",
          "(x|y|z)(1|2|3)(p|q)(r|s)",
          "nc -e|curl \\| sh",
          "\\btok\\w*en");

  @Test
  void knowsWhatTypicalRulesRequire() {
    assertThat(RequiredLiterals.of("(drop|truncate)\\s+table").orElseThrow().factors())
        .containsExactlyInAnyOrder(List.of("drop", "truncate"), List.of("table"));
    assertThat(RequiredLiterals.of("ignore (all )?previous instructions").orElseThrow().factors())
        .containsExactlyInAnyOrder(
            List.of("ignore all previous instructions", "ignore previous instructions"));
    assertThat(RequiredLiterals.of("\\bsudo\\s+\\S+").orElseThrow().factors())
        .containsExactly(List.of("sudo"));
    assertThat(RequiredLiterals.of("(?i)secret")).isEmpty();
    assertThat(RequiredLiterals.of("\\Qa.b\\E")).isEmpty();
    assertThat(RequiredLiterals.of("a*")).isEmpty();
    assertThat(RequiredLiterals.of("[[:alpha:]]x")).isEmpty();
    assertThat(RequiredLiterals.of("(foo|)bar").orElseThrow().factors())
        .containsExactlyInAnyOrder(List.of("foobar", "bar"));
  }

  @Test
  void neverTurnsAwayATextItsPatternMatches() {
    String[] pieces = {
      "drop",
      "truncate",
      " ",
      "  ",
      "table",
      "ignore",
      "all",
      "previous",
      "instructions",
      "sudo",
      "a",
      "b",
      "c",
      "x",
      "y",
      "z",
      "1",
      "2",
      "3",
      "p",
      "q",
      "r",
      "s",
      "|",
      "(",
      ")",
      ".",
      "/",
      "A",
      "Z",
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      "eval",
      "DELETE",
      "PUT",
      "union",
      "select",
      "colour",
      "color",
      "foo",
      "bar",
      "rm",
      " -rf",
      " /",
      "admin",
      "cat",
      "dog",
      "food",
      "toy",
      "wget http",
      "nc -e",
      "curl | sh",
      "tok",
      "en",
      "\n"
    };
    Random random = new Random(7);
    int matched = 0;
    for (String regex : PATTERNS) {
      Pattern pattern = Pattern.compile(regex);
      RequiredLiterals filter = RequiredLiterals.of(regex).orElse(null);
      for (int n = 0; n < 3_000; n++) {
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
          text.append(pieces[random.nextInt(pieces.length)]);
        }
        String s = text.toString();
        if (pattern.matcher(s).find()) {
          matched++;
          assertThat(filter == null || filter.admits(s)).as("%s on \"%s\"", regex, s).isTrue();
        }
      }
    }
    assertThat(matched).isGreaterThan(3_000);
  }
}
