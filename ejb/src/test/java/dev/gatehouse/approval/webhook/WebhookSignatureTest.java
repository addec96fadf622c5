package dev.gatehouse.approval.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final String EXPECTED =
      "1f107e4d7b14c74215c90ad8b70fb6786d29356a18a467d6e6cb10bc9e798545";

  private static final byte[] SECRET = "whsec-test".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsTimestampDotBodyWithHmacSha256() {
    // Reference value: printf '1700000000.{"text":"hi"}' | openssl dgst -sha256 -hmac whsec-test
    String header = WebhookSignature.sign(SECRET, 1700000000L, "{\"text\":\"hi\"}");

    assertThat(header).startsWith("t=1700000000,v1=").hasSize("t=1700000000,v1=".length() + 64);
    assertThat(header.substring(header.indexOf("v1=") + 3)).isEqualTo(EXPECTED);
  }

  @Test
  void anyChangeToBodyOrTimestampChangesTheSignature() {
    String original = WebhookSignature.sign(SECRET, 1700000000L, "{\"text\":\"hi\"}");

    assertThat(WebhookSignature.sign(SECRET, 1700000001L, "{\"text\":\"hi\"}"))
        .isNotEqualTo(original);
    assertThat(WebhookSignature.sign(SECRET, 1700000000L, "{\"text\":\"ho\"}"))
        .isNotEqualTo(original);
  }
}
