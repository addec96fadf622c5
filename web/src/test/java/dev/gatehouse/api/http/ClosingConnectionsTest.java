package dev.gatehouse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClosingConnectionsTest {

  @Test
  void refusesOnlyTheConnectionMarkedClosing() {
    ClosingConnections closing = new ClosingConnections();

    closing.markClosing("127.0.0.1:50000:abc");

    assertThat(closing.isClosing("127.0.0.1:50000:abc")).isTrue();
    assertThat(closing.isClosing("127.0.0.1:50001:abc")).isFalse();
    assertThat(closing.isClosing("127.0.0.1:50000:def")).isFalse();
  }
}
