package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnauditedConnectionsTest {

  @Test
  void listedConnectionsAreUnauditedInDemoMode() {
    UnauditedConnections unaudited = configured(" bench-off , bench-noaudit ", "demo");

    assertThat(unaudited.contains("bench-off")).isTrue();
    assertThat(unaudited.contains("bench-noaudit")).isTrue();
    assertThat(unaudited.contains("demo")).isFalse();
  }

  @Test
  void theSwitchIsIgnoredOutsideDemoMode() {
    assertThat(configured("bench-off", " ").contains("bench-off")).isFalse();
    assertThat(configured("bench-off", "production").contains("bench-off")).isFalse();
  }

  private static UnauditedConnections configured(String connections, String mode) {
    UnauditedConnections unaudited = new UnauditedConnections();
    unaudited.configured = connections;
    unaudited.mode = mode;
    unaudited.init();
    return unaudited;
  }
}
