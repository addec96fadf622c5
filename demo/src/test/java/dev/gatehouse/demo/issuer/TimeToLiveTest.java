package dev.gatehouse.demo.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeToLiveTest {

  @Test
  void acceptsEachUnitSuffix() {
    assertThat(TimeToLive.parse("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(TimeToLive.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(TimeToLive.parse("8h")).isEqualTo(Duration.ofHours(8));
    assertThat(TimeToLive.parse("2d")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void defaultsToFifteenMinutes() {
    assertThat(TimeToLive.DEFAULT).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void rejectsMissingUnitZeroNegativeAndExcessiveValues() {
    for (String text : List.of("15", "0m", "-5m", "1w", "m", "1.5h", "367d", "999999999d")) {
      assertThatThrownBy(() -> TimeToLive.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
