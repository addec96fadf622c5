package dev.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.exchange.GatewayRefusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/",
        "/v1/chat/completions",
        "/v1/models/org%2Fmodel",
        "/files/a..b",
        "/search/%E2%9C%93",
        "/a/.well-known/x"
      })
  void letsOrdinaryPathsThrough(String path) {
    assertThatCode(() -> RequestPathGuard.check(path)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../admin",
        "/v1/../../etc/passwd",
        "/%2e%2e/admin",
        "/%2E%2E/admin",
        "/%252e%252e/admin",
        "/%25252e%25252e/admin",
        "/..;/admin",
        "/v1/..%2fadmin",
        "/v1\\..\\admin",
        "/v1/%5c..%5cadmin",
        "/./v1",
        "/v1/%00",
        "/v1/%0d%0aX-Injected:%201"
      })
  void refusesPathsThatLeaveTheBaseOrSmuggleControlCharacters(String path) {
    assertThatThrownBy(() -> RequestPathGuard.check(path))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              org.assertj.core.api.Assertions.assertThat(r.status()).isEqualTo(400);
              org.assertj.core.api.Assertions.assertThat(r.reason()).isEqualTo("invalid_path");
            });
  }

  @Test
  void refusesMalformedPercentEncoding() {
    assertThatThrownBy(() -> RequestPathGuard.check("/v1/%zz")).isInstanceOf(GatewayRefusal.class);
  }
}
