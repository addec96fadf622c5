package dev.gatehouse.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesFromTheInitialWaitUpToTheMaximumAndResetsOnSuccess() {
    Backoff backoff = new Backoff(100, 1000);
    assertThat(backoff.nominal()).isZero();
    long first = backoff.failed();
    assertThat(first).isBetween(80L, 120L);
    assertThat(backoff.nominal()).isEqualTo(100);
    backoff.failed();
    assertThat(backoff.nominal()).isEqualTo(200);
    backoff.failed();
    backoff.failed();
    assertThat(backoff.nominal()).isEqualTo(800);
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.failed()).isBetween(800L, 1200L);
    }
    assertThat(backoff.nominal()).isEqualTo(1000);
    backoff.succeeded();
    assertThat(backoff.failures()).isZero();
    assertThat(backoff.nominal()).isZero();
  }
}
