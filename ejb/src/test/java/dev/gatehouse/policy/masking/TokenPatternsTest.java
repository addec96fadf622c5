package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The token detectors' tails are written {@code […]+} with the least length checked by their
 * validators, for speed (see {@link Detectors}). This checks, on random texts built from the
 * tokens' own pieces, that they find exactly what the counted forms they replace find.
 */
class TokenPatternsTest {

  /** The counted forms, as the detectors were first written: the reference. */
  private static final Map<String, Detector> COUNTED =
      Map.of(
          "github_token",
          counted(
              "github_token",
              "\\b(?:gh[posur]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\\b",
              (t, s, e) ->
                  t.charAt(s + 2) == 't' || e - s - 4 > 36 || Checksums.base62Crc32(t, s + 4, e)),
          "gitlab_token",
          counted("gitlab_token", "\\bgl(?:pat|dt|ptt|rt)-[A-Za-z0-9_\\-]{20,}", null),
          "slack_token",
          counted(
              "slack_token", "\\b(?:xox[abposre]-|xoxe\\.xox[bp]-|xapp-)[A-Za-z0-9\\-]{10,}", null),
          "stripe_key",
          counted("stripe_key", "\\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{16,}", null),
          "anthropic_key",
          counted("anthropic_key", "\\bsk-ant-[A-Za-z0-9_\\-]{20,}", null),
          "openai_key",
          counted(
              "openai_key", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,}", Checks::mixed));

  private static final String[] PIECES = {
    "sk-",
    "sk-ant-",
    "proj-",
    "svcacct-",
    "ghp_",
    "gho_",
    "github_pat_",
    "glpat-",
    "gldt-",
    "xoxb-",
    "xoxp-",
    "sk_live_",
    "rk_live_",
    "sk_test_",
    "rk_prod_",
    "xoxe-",
    "xoxe.xoxp-",
    "xapp-",
    "a",
    "b",
    "Z",
    "Q",
    "7",
    "0",
    "_",
    "-",
    " ",
    ".",
    "\"",
    "é",
    "\n",
    "=",
    "aB3dE5gH7jK9",
    "xY2zW4vU6tS8rQ0p",
    "abcdefghij"
  };

  private static Detector counted(String name, String regex, Validator validator) {
    Detector current = find(Detectors.builtIn(), name);
    return new Detector(
        name, current.label(), Pattern.compile(regex), 0, validator, current.trigger());
  }

  private static Detector find(List<Detector> detectors, String name) {
    return detectors.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void plusFormsFindWhatTheCountedFormsFind() {
    List<Detector> reference = new ArrayList<>();
    for (Detector d : Detectors.builtIn()) {
      reference.add(COUNTED.getOrDefault(d.name(), d));
    }
    Masker fast = new Masker(Detectors.builtIn(), MaskStyle.REDACT, new byte[16]);
    Masker slow = new Masker(reference, MaskStyle.REDACT, new byte[16]);
    Random random = new Random(20261126);
    int withFindings = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      int pieces = 1 + random.nextInt(40);
      for (int i = 0; i < pieces; i++) {
        String piece = PIECES[random.nextInt(PIECES.length)];
        text.append(random.nextInt(4) == 0 ? piece.repeat(1 + random.nextInt(6)) : piece);
      }
      String s = text.toString();
      List<String> expected = describe(slow.find(s));
      assertThat(describe(fast.find(s))).as("findings in %s", s).isEqualTo(expected);
      withFindings += expected.isEmpty() ? 0 : 1;
    }
    // The generator must reach the detectors, or the comparison says nothing.
    assertThat(withFindings).isGreaterThan(2_000);
  }

  private static List<String> describe(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.detector().name() + "@" + f.start() + "-" + f.end())
        .toList();
  }
}
