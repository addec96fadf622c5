package dev.gatehouse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestOriginTest {

  @Test
  void theHostTheCallerSentIsKeptAsSentPortAndAll() {
    assertThat(RequestOrigin.of("https", "localhost:8181", "ignored", 1))
        .isEqualTo("https://localhost:8181");
    assertThat(RequestOrigin.of("https", "gw.example.com", "ignored", 8181))
        .isEqualTo("https://gw.example.com");
    assertThat(RequestOrigin.of("https", "[::1]:8181", "ignored", 1))
        .isEqualTo("https://[::1]:8181");
  }

  @Test
  void withoutAHostTheListenersNameAndPortStandInTheDefaultPortLeftOut() {
    assertThat(RequestOrigin.of("https", null, "gw.example.com", 443))
        .isEqualTo("https://gw.example.com");
    assertThat(RequestOrigin.of("http", " ", "gw.example.com", 80))
        .isEqualTo("http://gw.example.com");
    assertThat(RequestOrigin.of("https", null, "10.0.0.5", 8181))
        .isEqualTo("https://10.0.0.5:8181");
    assertThat(RequestOrigin.of("https", null, "::1", 8181)).isEqualTo("https://[::1]:8181");
  }
}
