package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The vendor formats' validation: checksums, lengths and entropy keep look-alikes untouched. */
class TokenFormatsTest {

  private final Masker masker = Masker.redacting();
  private final FakeTokens fake = new FakeTokens(7);

  @Test
  void everyPrefixIsShorterThanTheRescanAfterARejection() {
    for (TokenFormats.Format format : TokenFormats.FORMATS) {
      for (String prefix : format.prefixes()) {
        assertThat(prefix.length()).as(prefix).isLessThan(Masker.LONGEST_PREFIX);
      }
    }
  }

  @Test
  void gitHubAndNpmTokensNeedTheirChecksum() {
    for (String prefix : new String[] {"gh" + "p_", "gh" + "o_", "np" + "m_"}) {
      String token = fake.checksummed(prefix);
      assertThat(masker.mask("t " + token + " t")).as(token).doesNotContain(token);
      // One character changed in the body: the checksum no longer holds.
      char c = token.charAt(10);
      String altered = token.substring(0, 10) + (c == 'a' ? 'b' : 'a') + token.substring(11);
      assertThat(masker.mask("t " + altered + " t")).as(altered).contains(altered);
    }
  }

  @Test
  void aTokenFoundInsideALookAlikeIsMasked() {
    String token = fake.checksummed("np" + "m_");
    String text = "npm_x" + token.substring(0, 1) + "." + token;
    assertThat(masker.mask(text)).doesNotContain(token);
    String slack = "xo" + "xe.xoxp-1-" + fake.of(FakeTokens.UPPER_ALNUM, 164);
    assertThat(masker.mask("xoxp-xoxe" + slack.substring(4))).doesNotContain(slack.substring(10));
  }

  @Test
  void tailsOfTheWrongLengthOrTooLittleEntropyStayUntouched() {
    String tooShort = "dop_v1_" + fake.of(FakeTokens.HEX, 63);
    String tooLong = "dop_v1_" + fake.of(FakeTokens.HEX, 65);
    String flat = "dop_v1_" + "ab".repeat(32);
    String valid = "dop_v1_" + fake.of(FakeTokens.HEX, 64);
    assertThat(masker.find("x " + tooShort)).isEmpty();
    assertThat(masker.find("x " + tooLong)).isEmpty();
    assertThat(masker.find("x " + flat)).isEmpty();
    assertThat(masker.find("x " + valid))
        .singleElement()
        .satisfies(f -> assertThat(f.detector().name()).isEqualTo("digitalocean_token"));
  }
}
