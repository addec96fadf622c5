package dev.gatehouse.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpstreamTargetTest {

  private final UpstreamTarget target =
      new UpstreamTarget(
          "demo",
          URI.create("https://agent.internal:9443/base"),
          "Authorization",
          "Bearer backend-secret",
          null,
          Duration.ofSeconds(2),
          Duration.ofSeconds(30),
          1024,
          Set.of("demo-users"),
          3);

  @Test
  void resolvesThePathBelowTheBaseKeepingEncodingAndQuery() {
    assertThat(target.resolve("/v1/models/org%2Fm", "a=1&b=%20"))
        .hasToString("https://agent.internal:9443/base/v1/models/org%2Fm?a=1&b=%20");
    assertThat(target.resolve("", null)).hasToString("https://agent.internal:9443/base/");
  }

  @Test
  void neverShowsTheCredentialInItsText() {
    assertThat(target.toString()).doesNotContain("backend-secret");
  }
}
