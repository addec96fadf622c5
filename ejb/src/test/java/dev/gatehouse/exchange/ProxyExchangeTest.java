package dev.gatehouse.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProxyExchangeTest {

  private static ProxyExchange exchangeWithBody(int bytes) {
    return ProxyExchange.builder()
        .connectionName("demo")
        .method("post")
        .path("/v1/x")
        .headers(Map.of("Content-Type", List.of("application/json")))
        .body(new ByteArrayInputStream(new byte[bytes]))
        .build();
  }

  @Test
  void refusesBodyLongerThanTheLimitWith413() {
    ProxyExchange exchange = exchangeWithBody(11);
    assertThatThrownBy(() -> exchange.body(10))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.status()).isEqualTo(413);
              assertThat(r.reason()).isEqualTo("request_too_large");
            });
  }

  @Test
  void readsBodyUpToTheLimitOnce() {
    ProxyExchange exchange = exchangeWithBody(10);
    assertThat(exchange.body(10)).hasSize(10);
    assertThat(exchange.body(10)).hasSize(10);
    assertThat(exchange.bytesIn()).isEqualTo(10);
  }

  @Test
  void normalisesMethodAndHeaderNames() {
    ProxyExchange exchange = exchangeWithBody(0);
    assertThat(exchange.method()).isEqualTo("POST");
    assertThat(exchange.header("CONTENT-TYPE")).isEqualTo("application/json");
  }

  @Test
  void endsExactlyOnceWhateverEndsIt() {
    ProxyExchange exchange = exchangeWithBody(0);
    AtomicInteger completions = new AtomicInteger();
    exchange.onCompletion(e -> completions.incrementAndGet());
    exchange.refuse(GatewayRefusal.refused(404, "unknown_connection", "no"));
    exchange.finishRelay(10, null);
    assertThat(completions).hasValue(1);
    assertThat(exchange.status()).isEqualTo(404);
    assertThat(exchange.decision()).isEqualTo(Decision.REFUSED);
    assertThat(exchange.totalNanos()).isNotNegative();
  }

  @Test
  void relayBrokenOffEndsAsError() {
    ProxyExchange exchange = exchangeWithBody(0);
    exchange.forwarding(Decision.ALLOWED);
    exchange.finishRelay(5, new java.io.IOException("reset"));
    assertThat(exchange.decision()).isEqualTo(Decision.ERROR);
    assertThat(exchange.reason()).isEqualTo("relay_interrupted");
    assertThat(exchange.bytesOut()).isEqualTo(5);
  }
}
