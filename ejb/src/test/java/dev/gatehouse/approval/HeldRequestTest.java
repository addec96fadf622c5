package dev.gatehouse.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.connection.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeldRequestTest {

  private static final String RING = "k1=" + Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void neverKeepsTheCallersCredentialsOrGatewayControlHeaders() {
    HeldRequest held =
        new HeldRequest(
            "POST",
            "/v1/chat",
            "a=1",
            Map.of(
                "Authorization", List.of("Bearer secret-token"),
                "Cookie", List.of("s=1"),
                "Gatehouse-Approval", List.of("x"),
                "X-Tool", List.of("search")),
            new byte[] {1});

    assertThat(held.headers()).containsOnlyKeys("x-tool");
    assertThat(held.toJson()).doesNotContain("secret-token");
  }

  @Test
  void survivesSealingBoundToTheApprovalAndNotToAnother() {
    SecretCipher cipher = SecretCipher.ofKeyRing(RING, null);
    HeldRequest held =
        new HeldRequest(
            "DELETE",
            "/v1/files/7",
            null,
            Map.of("x-tool", List.of("rm")),
            "bytes é".getBytes(StandardCharsets.UTF_8));

    var sealed = cipher.seal(held.toJson(), "approval-1");
    HeldRequest opened = HeldRequest.fromJson(cipher.open(sealed, "approval-1"));

    assertThat(opened.method()).isEqualTo("DELETE");
    assertThat(opened.query()).isNull();
    assertThat(opened.headers()).isEqualTo(held.headers());
    assertThat(new String(opened.body(), StandardCharsets.UTF_8)).isEqualTo("bytes é");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cipher.open(sealed, "approval-2"))
        .isInstanceOf(IllegalStateException.class);
  }
}
