package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialEchoTest {

  private static Masker maskerFor(String headerValue) {
    List<Detector> detectors = new ArrayList<>(Detectors.builtIn());
    detectors.add(0, CredentialEcho.detector(headerValue).orElseThrow());
    return new Masker(detectors, MaskStyle.REDACT, new byte[16]);
  }

  @Test
  void masksAnEchoedBearerSecretVerbatimAndEncoded() {
    String secret = "demo-upstream-7f3a9c2e41"; // no built-in detector knows this shape
    Masker masker = maskerFor("Bearer " + secret);
    String echoed =
        "{\"authorization\":\"Bearer "
            + secret
            + "\",\"b64\":\""
            + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))
            + "\",\"url\":\"x="
            + URLEncoder.encode(secret + "/+", StandardCharsets.UTF_8)
            + "\"}";
    String masked = masker.mask(echoed);
    assertThat(masked)
        .doesNotContain(secret)
        .doesNotContain(
            Base64.getEncoder()
                .withoutPadding()
                .encodeToString(secret.getBytes(StandardCharsets.UTF_8)))
        .contains("[CONNECTION_CREDENTIAL]");
    assertThat(Masker.redacting().mask(echoed)).contains(secret);
  }

  @Test
  void masksABasicPairItsEncodingAndThePassword() {
    String encoded =
        Base64.getEncoder()
            .encodeToString("svc-agent:Tr0ub4dor&3x".getBytes(StandardCharsets.UTF_8));
    Masker masker = maskerFor("Basic " + encoded);
    assertThat(masker.mask("echo: Basic " + encoded)).doesNotContain(encoded);
    assertThat(masker.mask("user svc-agent:Tr0ub4dor&3x")).doesNotContain("Tr0ub4dor");
    assertThat(masker.mask("password was Tr0ub4dor&3x")).doesNotContain("Tr0ub4dor");
  }

  @Test
  void leavesTooShortSecretsAndOrdinaryTextAlone() {
    assertThat(CredentialEcho.detector("abc")).isEmpty();
    assertThat(CredentialEcho.detector(null)).isEmpty();
    assertThat(maskerFor("Bearer demo-upstream-7f3a9c2e41").mask("nothing secret here"))
        .isEqualTo("nothing secret here");
  }
}
