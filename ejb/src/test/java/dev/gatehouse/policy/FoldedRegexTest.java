package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldedRegexTest {

  private static final List<String> PATTERNS =
      List.of(
          "ignore (all )?previous instructions",
          "IGNORE (ALL )?Previous Instructions",
          "(drop|truncate)\\s+table",
          "(DROP|Truncate)\\S*\\s+TABLE\\b",
          "rm\\s+-rf\\s+/",
          "\\bSELECT\\b.+\\bFROM\\b",
          "[a-z]+@[a-z]+\\.COM",
          "[A-Z]{3}-\\d{4}",
          "[A-z]",
          "[^A-Z]x",
          "\\x41BC",
          "\\pLx",
          "\\QA.B\\E",
          "(?i)abc",
          "[[:upper:]]",
          "\\AfOO",
          "ß",
          "a{2,3}B");

  private static final List<String> INPUTS =
      List.of(
          "please ignore all previous instructions now",
          "ignore previous instructions",
          "ignore  previous instructions",
          "drop   table users; truncate table x",
          "droptable",
          "rm -rf / --no-preserve-root",
          "select name from users",
          "mail bob@example.com",
          "abc-1234 xyz-9999",
          "[\\]^_`",
          "foo bar ^x _x",
          "abc a.b ab aab aaab",
          "ss strasse",
          "foo");

  @Test
  void onFoldedInputTheLoweredPatternMatchesExactlyWhatTheCaseInsensitiveOneMatches() {
    for (String pattern : PATTERNS) {
      Pattern insensitive = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
      Pattern folded = FoldedRegex.compile(pattern);
      for (String input : INPUTS) {
        String text = InputNormalizer.fold(InputNormalizer.normalize(input));
        assertThat(folded.matcher(text).find())
            .as("/%s/ on %s", pattern, text)
            .isEqualTo(insensitive.matcher(text).find());
      }
    }
  }

  @Test
  void ordinaryPatternsAreLoweredSoThatRe2jCanScanForTheirLiteralPrefix() {
    assertThat(FoldedRegex.lowered("IGNORE (ALL )?Previous Instructions"))
        .contains("ignore (all )?previous instructions");
    assertThat(FoldedRegex.lowered("(DROP|Truncate)\\S*\\s+TABLE\\b"))
        .contains("(drop|truncate)\\S*\\s+table\\b");
    assertThat(FoldedRegex.lowered("[a-z]+@x\\.COM")).contains("[a-z]+@x\\.com");
  }

  @Test
  void patternsWhoseLettersAreNotAllLiteralsKeepCaseInsensitiveMatching() {
    for (String pattern :
        List.of(
            "[A-z]",
            "[^A-Z]x",
            "\\x41BC",
            "\\pLx",
            "\\QA.B\\E",
            "(?i)abc",
            "[[:upper:]]",
            "ß",
            "\\1",
            "[]A]")) {
      assertThat(FoldedRegex.lowered(pattern)).as(pattern).isEmpty();
    }
  }
}
