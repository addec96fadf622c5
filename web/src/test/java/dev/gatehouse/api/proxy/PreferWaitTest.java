package dev.gatehouse.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferWaitTest {

  private static final Duration CAP = Duration.ofSeconds(60);

  @Test
  void readsTheWaitPreferenceAmongOthers() {
    assertThat(PreferWait.requested(List.of("respond-async, wait=10"), CAP))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(PreferWait.requested(List.of("return=minimal", "Wait=\"7\""), CAP))
        .isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void capsTheWaitByConfiguration() {
    assertThat(PreferWait.requested(List.of("wait=3600"), CAP)).isEqualTo(CAP);
    assertThat(PreferWait.requested(List.of("wait=10"), Duration.ZERO)).isZero();
  }

  @Test
  void ignoresMissingOrUnreadablePreferences() {
    assertThat(PreferWait.requested(null, CAP)).isZero();
    assertThat(PreferWait.requested(List.of("return=minimal"), CAP)).isZero();
    assertThat(PreferWait.requested(List.of("wait=soon"), CAP)).isZero();
    assertThat(PreferWait.requested(List.of("wait=-5"), CAP)).isZero();
    assertThat(PreferWait.requested(List.of("waiting=5"), CAP)).isZero();
  }
}
