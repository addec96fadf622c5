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
}
