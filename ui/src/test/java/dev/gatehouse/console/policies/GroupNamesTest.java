package dev.gatehouse.console.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupNamesTest {

  @Test
  void splitsOnCommasAndDropsBlanks() {
    assertThat(GroupNames.parse(" demo-users, ,ops ,")).containsExactly("demo-users", "ops");
    assertThat(GroupNames.parse("  ")).isEmpty();
    assertThat(GroupNames.parse(null)).isEmpty();
  }

  @Test
  void joinsForTheField() {
    assertThat(GroupNames.join(List.of("demo-users", "ops"))).isEqualTo("demo-users, ops");
  }
}
