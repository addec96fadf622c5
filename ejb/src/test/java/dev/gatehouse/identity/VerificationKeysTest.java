package dev.gatehouse.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerificationKeysTest {

  @Test
  void aPlainHttpKeyUrlOffLoopbackRefusesEveryToken() throws Exception {
    var selector =
        VerificationKeys.forLocation(
            "http://idp.example.com/realms/x/protocol/openid-connect/certs",
            null,
            Duration.ofMinutes(5),
            Duration.ofSeconds(1));
    assertThatThrownBy(() -> selector.selectJWSKeys(new JWSHeader(JWSAlgorithm.RS256), null))
        .isInstanceOf(TokenRejected.class)
        .hasMessageContaining("plain http");
  }

  @Test
  void plainHttpIsAcceptedOnLoopbackOnly() {
    assertThat(VerificationKeys.onLoopback("http://localhost:8080/certs")).isTrue();
    assertThat(VerificationKeys.onLoopback("http://127.0.0.1/certs")).isTrue();
    assertThat(VerificationKeys.onLoopback("http://[::1]:9/certs")).isTrue();
    assertThat(VerificationKeys.onLoopback("http://127.0.0.1.evil.example/certs")).isFalse();
    assertThat(VerificationKeys.onLoopback("http://localhost.evil.example/certs")).isFalse();
    assertThat(VerificationKeys.onLoopback("http://10.0.0.1/certs")).isFalse();
  }
}
