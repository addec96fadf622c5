package dev.gatehouse.api.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.agent.ToolReviewRefused;
import org.junit.jupiter.api.Test;

class ReviewedFingerprintTest {

  private static final String FINGERPRINT = "0123456789abcdef".repeat(4);

  @Test
  void anEmptyBodyOrNoFingerprintAcceptsWhatIsPendingNow() {
    assertThat(ToolReviewJson.reviewedFingerprint(null)).isNull();
    assertThat(ToolReviewJson.reviewedFingerprint("  ")).isNull();
    assertThat(ToolReviewJson.reviewedFingerprint("{}")).isNull();
    assertThat(ToolReviewJson.reviewedFingerprint("{\"fingerprint\":null}")).isNull();
  }

  @Test
  void aFingerprintNamesTheDefinitionReviewed() {
    assertThat(ToolReviewJson.reviewedFingerprint("{\"fingerprint\":\"" + FINGERPRINT + "\"}"))
        .isEqualTo(FINGERPRINT);
  }

  @Test
  void anythingElseIsAnInvalidRequest() {
    for (String body :
        new String[] {
          "[]",
          "{\"fingerprint\":",
          "{\"fingerprint\":42}",
          "{\"fingerprint\":\"" + FINGERPRINT.toUpperCase(java.util.Locale.ROOT) + "\"}",
          "{\"fingerprint\":\"abc\"}"
        }) {
      assertThatThrownBy(() -> ToolReviewJson.reviewedFingerprint(body))
          .as(body)
          .isInstanceOfSatisfying(
              ToolReviewRefused.class,
              refused -> {
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.reason()).isEqualTo("invalid_request");
              });
    }
  }
}
