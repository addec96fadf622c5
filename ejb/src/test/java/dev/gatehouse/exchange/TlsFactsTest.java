package dev.gatehouse.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsFactsTest {

  @Test
  void derivesTls13FromSuitesThatNameNoKeyExchange() {
    assertThat(TlsFacts.fromInboundCipherSuite("TLS_AES_256_GCM_SHA384"))
        .isEqualTo(new TlsFacts("TLSv1.3", "TLS_AES_256_GCM_SHA384"));
    assertThat(TlsFacts.fromInboundCipherSuite("TLS_CHACHA20_POLY1305_SHA256").protocol())
        .isEqualTo("TLSv1.3");
  }

  @Test
  void derivesTls12FromEcdheSuites() {
    assertThat(
            TlsFacts.fromInboundCipherSuite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").protocol())
        .isEqualTo("TLSv1.2");
  }

  @Test
  void knowsNothingWithoutASuite() {
    assertThat(TlsFacts.fromInboundCipherSuite(null)).isEqualTo(TlsFacts.NONE);
    assertThat(TlsFacts.fromInboundCipherSuite(" ")).isEqualTo(TlsFacts.NONE);
  }
}
