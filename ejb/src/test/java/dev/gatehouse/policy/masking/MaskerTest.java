package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MaskerTest {

  private static final String KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";

  private final Masker masker = Masker.redacting();

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  @Test
  void masksSecretsWrittenWithJsonUnicodeEscapes() {
    String escapedKey = "\\u0073\\u006b-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";
    String body = "{\"reply\":\"use " + escapedKey + " now\",\"mail\":\"alice\\u0040example.com\"}";
    assertThat(parse(body).getString("reply")).contains(KEY);

    String masked = masker.mask(body);

    JsonObject json = parse(masked);
    assertThat(json.getString("reply")).isEqualTo("use [OPENAI_KEY] now");
    assertThat(json.getString("mail")).isEqualTo("[EMAIL]");
  }

  @Test
  void masksAnAwsSecretKeyWithEscapedSlashes() {
    String body = "{\"aws_secret_access_key\":\"wJalrXUtnFEMI\\/K7MDENG\\/bPxRfiCYEXAMPLEKEY\"}";
    String masked = masker.mask(body);
    assertThat(masked).doesNotContain("K7MDENG").doesNotContain("EXAMPLEKEY");
    assertThat(parse(masked).getString("aws_secret_access_key")).startsWith("[");
  }

  @Test
  void leavesEscapedQuotesAndBackslashesAlone() {
    String body = "{\"path\":\"C:\\\\u0041dir\",\"q\":\"say \\\"hi\\\"\"}";
    assertThat(masker.mask(body)).isEqualTo(body);
  }

  @Test
  void partialStyleNeverKeepsCharactersThatBreakJson() {
    Masker partial = new Masker(Detectors.builtIn(), MaskStyle.PARTIAL, new byte[16]);
    String body = "{\"password\":\"abcdefgh\\\"1\\\\\"}";
    String masked = partial.mask(body);
    assertThat(parse(masked).getString("password")).isEqualTo("[SECRET]");
    assertThat(partial.mask("card 4111 1111 1111 1111")).isEqualTo("card [CARD:…1111]");
  }

  @Test
  void keyedHashIsTheSameForEscapedAndPlainSpellings() {
    Masker hashing = new Masker(Detectors.builtIn(), MaskStyle.HASH, new byte[32]);
    String plain = hashing.mask("mail alice@example.com");
    String escaped = hashing.mask("mail alice\\u0040example.com");
    assertThat(plain).startsWith("mail [EMAIL:").isEqualTo(escaped);
  }

  @Test
  void findsEveryDetectorsMatchesAmongManyCandidates() {
    String text =
        "hash 9fceb02d0ae598e95dc970b74767f19372d61af8 at 2024-01-15 10:30, "
            + "ask-me-anything, skills, task-runner, "
            + KEY
            + " and sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789, "
            + "{\"api_key\":\"abc123def\"} mail bob@example.org ip 10.0.0.1.";
    List<String> names = masker.find(text).stream().map(f -> f.detector().name()).toList();
    assertThat(names)
        .containsExactly("openai_key", "anthropic_key", "secret_json_field", "email", "ipv4");
  }

  @Test
  @Timeout(20)
  void staysLinearOnPathologicalInput() {
    // Anchors, names and digits everywhere: each occurrence must not rescan what was scanned.
    String anchors = "sk-".repeat(20_000);
    String mails = "a@".repeat(20_000);
    String names = "token=".repeat(10_000);
    String digits = "1 ".repeat(4_000);
    String colons = "a:".repeat(20_000);
    for (String text : List.of(anchors, mails, names, digits, colons)) {
      assertThat(masker.mask(text)).isNotNull();
    }
    assertThat(masker.mask("x " + "sk-".repeat(1000) + KEY)).doesNotContain("GhIjKl");
  }

  @Test
  void finishesLongRunsOfSpacedDigitsAndStillMasksWhatIsInThem() {
    // Runs that keep the card, phone, SSN and IP patterns' candidates busy at every position.
    String run =
        "1 ".repeat(100_000)
            + "1-".repeat(100_000)
            + "4 ".repeat(50_000)
            + "555 ".repeat(50_000)
            + "+1 ".repeat(50_000)
            + "1.".repeat(50_000);
    String secrets = ", card 4111-1111-1111-1111, call (415) 555-2671, ssn 536-22-1234, ";
    String text = run + secrets + run;

    String masked = masker.mask(text);

    assertThat(masked)
        .contains(", card [CARD], call [PHONE], ssn [SSN], ")
        .doesNotContain("4111-1111")
        .doesNotContain("555-2671");
    // A run of "4 " holds Luhn-valid Visa look-alikes (masked); everything else comes back as it
    // was.
    String unmaskedPart = "1 ".repeat(100_000) + "1-".repeat(100_000);
    assertThat(masked).startsWith(unmaskedPart);

    // Digits inside one long word: the word is walked once, not once per digit.
    for (String word : List.of("1_".repeat(100_000), "A1".repeat(100_000))) {
      assertThat(masker.mask(word + " " + secrets))
          .isEqualTo(word + " " + ", card [CARD], call [PHONE], ssn [SSN], ");
    }
  }

  @Test
  void findsACardRightAfterARejectedRunOfDigits() {
    assertThat(masker.mask("ref 1 4111 1111 1111 1111.")).isEqualTo("ref 1 [CARD].");
  }

  @Test
  void aStampNamedAsSuchIsNotACardButTheSameDigitsInTextAre() {
    String stamp = "{\"seq\":7,\"sentAtNanos\":4123456789012345677}";
    assertThat(masker.mask(stamp)).isEqualTo(stamp);
    assertThat(masker.mask("pay with 4123456789012345677")).isEqualTo("pay with [CARD]");
  }
}
