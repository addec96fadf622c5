package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Shape} against its detector's RE2/J pattern: on random texts made of the pieces its
 * matches and near-misses are made of, at every position and with random limits, the shape must
 * answer what the pattern answers, or that it does not know.
 */
class ShapesTest {

  private static final String[] TOKEN_PIECES = {
    "sk-",
    "sk-ant-",
    "proj-",
    "ghp_",
    "gho_",
    "ghs_",
    "ghu_",
    "ghr_",
    "gh",
    "github_pat_",
    "glpat-",
    "gldt-",
    "glptt-",
    "glrt-",
    "xoxa-",
    "xoxb-",
    "xoxs-",
    "xox",
    "sk_live_",
    "rk_live_",
    "_live_",
    "sk_test_",
    "rk_prod_",
    "_test_",
    "xoxe-",
    "xoxe.xoxb-",
    "xoxe.",
    "xapp-",
    "a",
    "Z",
    "7",
    "_",
    "-",
    " ",
    ".",
    "\"",
    "é",
    "=",
    "aB3dE5gH7jK9",
    "xY2zW4vU6tS8rQ0p"
  };

  private static final String[] EMAIL_PIECES = {
    "bob@example",
    "a.b@mail",
    ".com",
    ".io",
    ".x1",
    ".co",
    ".uk",
    ".c",
    ".abcdefghijklmnopqrstuvwxyz",
    "a",
    "Z",
    "9",
    ".",
    "-",
    "_",
    "%",
    "+",
    "@",
    "@",
    "com",
    "co",
    "x1",
    "b2c",
    "é",
    " ",
    "..",
    "abcdefghijklmnopqrstuvwxy",
    "abcdefghijklmnopqrstuvwx",
    "org",
    "-uk",
    "\n",
    ",",
    "'"
  };

  private static final String[] PHONE_PIECES = {
    "+",
    "+",
    "1",
    "4",
    "0",
    "9",
    "415",
    "5550100",
    " ",
    "-",
    ".",
    "(",
    ")",
    "a",
    "_",
    ",",
    "é",
    "12345678901234567890",
    "\n"
  };

  @Test
  void tokenShapesAnswerAsTheirPatterns() {
    for (String name :
        List.of(
            "github_token",
            "gitlab_token",
            "slack_token",
            "stripe_key",
            "anthropic_key",
            "openai_key")) {
      compare(name, TOKEN_PIECES, 0);
    }
  }

  /** Each vendor format's shape, on texts of its own prefixes, tail characters and near-misses. */
  @Test
  void vendorFormatShapesAnswerAsTheirPatterns() {
    for (TokenFormats.Format format : TokenFormats.FORMATS) {
      List<String> pieces = new ArrayList<>(List.of(GENERIC_PIECES));
      for (String prefix : format.prefixes()) {
        pieces.add(prefix);
        pieces.add(prefix.substring(0, prefix.length() - 1));
      }
      compare(format.name(), pieces.toArray(String[]::new), 0);
    }
  }

  private static final String[] GENERIC_PIECES = {
    "a", "Z", "7", "f", "_", "-", ".", "~", "+", "/", "=", " ", "\"", "é", "aB3dE5gH7jK9", "0f9e"
  };

  @Test
  void emailShapeAnswersAsItsPattern() {
    compare("email", EMAIL_PIECES, 0);
  }

  @Test
  void phoneShapeAnswersAsItsPatternForCompactNumbers() {
    compare("phone", PHONE_PIECES, 38);
  }

  /**
   * @param longest the detector's longest match (numeric detectors), 0 for none
   */
  private static void compare(String name, String[] pieces, int longest) {
    Detector detector =
        Detectors.builtIn().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    Shape shape = Detectors.shapeOf(detector);
    assertThat(shape).as("shape of %s", name).isNotNull();
    Pattern anchored =
        Pattern.compile(
            "(?s:.)(?:" + detector.pattern().pattern() + ")", detector.pattern().flags());
    Random random = new Random(name.hashCode());
    int known = 0;
    int matches = 0;
    for (int n = 0; n < 6_000; n++) {
      StringBuilder text = new StringBuilder();
      int count = 1 + random.nextInt(14);
      for (int i = 0; i < count; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = text.toString();
      for (int p = 0; p < s.length(); p++) {
        int to = random.nextBoolean() ? s.length() : p + 1 + random.nextInt(s.length() - p);
        int limit = longest == 0 ? to : Math.min(to, p + longest + 1);
        int shaped = shape.match(s, p, limit);
        if (shaped == Shape.UNKNOWN) {
          continue;
        }
        known++;
        int offset = p == 0 ? 0 : p - 1;
        Matcher m = (p == 0 ? detector.pattern() : anchored).matcher(s.substring(offset, limit));
        int expected = m.lookingAt() ? offset + m.end() : Shape.NO_MATCH;
        assertThat(shaped).as("%s at %d of \"%s\" up to %d", name, p, s, limit).isEqualTo(expected);
        matches += expected >= 0 ? 1 : 0;
      }
    }
    // The texts must reach both answers, or the comparison says little.
    assertThat(matches).as("matches of %s", name).isGreaterThan(200);
    assertThat(known - matches).as("non-matches of %s", name).isGreaterThan(200);
  }
}
