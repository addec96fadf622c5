package dev.gatehouse.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionSpecTest {

  private static ConnectionSpec withReviewerGroups(List<String> groups) {
    return new ConnectionSpec(
        "gated",
        "https://agent.example",
        "NONE",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        true,
        null,
        null,
        null,
        groups,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void reviewerGroupsAreStrippedKeptInOrderAndListedOnce() {
    assertThat(
            withReviewerGroups(List.of(" night-shift", "payments ", "night-shift"))
                .reviewerGroupSet())
        .containsExactly("night-shift", "payments");
  }

  @Test
  void noReviewerGroupsMeansAnyReviewer() {
    assertThat(withReviewerGroups(null).reviewerGroupSet()).isEmpty();
    assertThat(withReviewerGroups(Arrays.asList(" ", null)).reviewerGroupSet()).isEmpty();
  }
}
