package dev.gatehouse.approval.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookConfigurationTest {

  private static WebhookConfiguration config(int base, int max) {
    WebhookConfiguration c = new WebhookConfiguration();
    c.backoffSeconds = base;
    c.maxBackoffSeconds = max;
    c.consoleBaseUrl = "https://gatehouse.example/console/";
    return c;
  }

  @Test
  void backOffDoublesAfterEveryFailureUpToTheCap() {
    WebhookConfiguration c = config(2, 30);

    assertThat(c.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.backoffAfter(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(c.backoffAfter(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.backoffAfter(500)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void consoleLinksJoinTheBaseWithoutADoubleSlash() {
    assertThat(config(1, 1).consoleLink("approvals", "abc"))
        .isEqualTo("https://gatehouse.example/console/approvals/abc");
  }
}
