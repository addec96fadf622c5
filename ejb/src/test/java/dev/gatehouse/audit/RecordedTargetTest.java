package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.exchange.TranscriptMasker;
import dev.gatehouse.policy.masking.Masker;
import org.junit.jupiter.api.Test;

class RecordedTargetTest {

  private static final String KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";
  private static final TranscriptMasker MASKER = Masker.redacting()::mask;

  @Test
  void masksAKeyInThePathAndInAnyQueryParameter() {
    RecordedTarget target = RecordedTarget.of("/v1/keys/" + KEY, "q=" + KEY + "&n=1", MASKER);
    assertThat(target.path()).doesNotContain("AbCdEf1234").contains("/v1/keys/");
    assertThat(target.query()).doesNotContain("AbCdEf1234").endsWith("&n=1");
    assertThat(target.target()).startsWith(target.path() + "?");
  }

  @Test
  void masksAPercentEncodedKey() {
    String encoded = KEY.replace("-", "%2D").replace("p", "%70");
    RecordedTarget target = RecordedTarget.of("/v1/" + encoded, "k=" + encoded, MASKER);
    assertThat(target.path()).doesNotContain("AbCdEf1234");
    assertThat(target.query()).doesNotContain("AbCdEf1234");
  }

  @Test
  void stillBlanksCredentialParametersAndKeepsOrdinaryTargets() {
    assertThat(RecordedTarget.of("/v1/models", "api_key=abc123&limit=5", MASKER).query())
        .isEqualTo("api_key=" + QueryRedaction.REDACTED + "&limit=5");
    assertThat(RecordedTarget.of("/v1/a%20b", null, MASKER).target()).isEqualTo("/v1/a%20b");
  }
}
