package dev.gatehouse.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

  private static ProxyExchange exchange(int bodyBytes, BodyMemory memory) {
    return ProxyExchange.builder()
        .connectionName("c")
        .method("POST")
        .body(new ByteArrayInputStream(new byte[bodyBytes]))
        .bodyMemory(memory)
        .build();
  }

  @Test
  void bodiesInMemoryAreBoundedInTotalAndReleasedWhenTheirExchangeEnds() {
    BodyMemory memory = new BodyMemory(300_000);
    ProxyExchange first = exchange(200_000, memory);
    ProxyExchange second = exchange(200_000, memory);

    assertThat(first.body(1_000_000)).hasSize(200_000);
    assertThat(memory.held()).isEqualTo(200_000);
    assertThatThrownBy(() -> second.body(1_000_000))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.status()).isEqualTo(503);
              assertThat(r.reason()).isEqualTo("gateway_busy");
            });
    assertThat(memory.held()).as("a refused body gives back what it took").isEqualTo(200_000);

    first.finishRelay(0, null);
    assertThat(memory.held()).isZero();
    ProxyExchange third = exchange(200_000, memory);
    assertThat(third.body(1_000_000)).hasSize(200_000);
    third.refuse(GatewayRefusal.refused(403, "x", "y"));
    assertThat(memory.held()).isZero();
  }

  @Test
  void anOversizeBodyIsRefusedAndCountsForNothing() {
    BodyMemory memory = new BodyMemory(10_000_000);
    ProxyExchange exchange = exchange(100_001, memory);
    assertThatThrownBy(() -> exchange.body(100_000))
        .isInstanceOfSatisfying(
            GatewayRefusal.class, r -> assertThat(r.reason()).isEqualTo("request_too_large"));
    assertThat(memory.held()).isZero();
    assertThat(exchange.bodyIfRead()).isNull();
  }

  @Test
  void theBodyIsReadOnce() {
    ProxyExchange exchange = exchange(70_000, new BodyMemory(1_000_000));
    byte[] once = exchange.body(100_000);
    assertThat(exchange.body(100_000)).isSameAs(once);
    assertThat(exchange.bytesIn()).isEqualTo(70_000);
  }

  @Test
  void aReplacedBodyIsWhatIsReadAndRecordedWhileBytesInCountsWhatTheCallerSent() {
    BodyMemory memory = new BodyMemory(1_000);
    ProxyExchange exchange = exchange(100, memory);
    assertThatThrownBy(() -> exchange.replaceBody(new byte[1]))
        .as("nothing to replace before the body is read")
        .isInstanceOf(IllegalStateException.class);
    exchange.body(1_000);

    exchange.replaceBody(new byte[40]);
    assertThat(exchange.body(1_000)).hasSize(40);
    assertThat(exchange.bodyIfRead()).hasSize(40);
    assertThat(exchange.bytesIn()).isEqualTo(100);
    assertThat(memory.held()).isEqualTo(100);

    exchange.replaceBody(new byte[250]);
    assertThat(memory.held()).as("a longer body counts its extra bytes").isEqualTo(250);
    assertThatThrownBy(() -> exchange.replaceBody(new byte[2_000]))
        .isInstanceOfSatisfying(
            GatewayRefusal.class, r -> assertThat(r.reason()).isEqualTo("gateway_busy"));
    assertThat(exchange.bodyIfRead()).hasSize(250);

    exchange.finishRelay(0, null);
    assertThat(memory.held()).isZero();
  }
}
