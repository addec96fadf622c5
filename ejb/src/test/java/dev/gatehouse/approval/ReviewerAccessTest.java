package dev.gatehouse.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReviewerAccessTest {

  @Test
  void noReviewerGroupsAdmitEveryReviewer() {
    assertThat(ReviewerAccess.admits(Set.of(), List.of())).isTrue();
    assertThat(ReviewerAccess.admits(Set.of(), List.of("gatehouse-reviewer"))).isTrue();
  }

  @Test
  void reviewerGroupsAdmitOnlyTheirMembers() {
    Set<String> payments = Set.of("payments-reviewers", "finance");

    assertThat(ReviewerAccess.admits(payments, List.of("gatehouse-reviewer", "finance"))).isTrue();
    assertThat(ReviewerAccess.admits(payments, List.of("gatehouse-reviewer"))).isFalse();
    assertThat(ReviewerAccess.admits(payments, List.of("gatehouse-admin")))
        .as("an admin outside the groups, as for deciding")
        .isFalse();
    assertThat(ReviewerAccess.admits(payments, List.of())).isFalse();
  }
}
