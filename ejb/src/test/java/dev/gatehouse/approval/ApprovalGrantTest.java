package dev.gatehouse.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApprovalGrantTest {

  @Test
  void aGrantCoversOnlyHoldsThatOneReviewerMayRelease() {
    assertThat(ApprovalGrant.covers(1)).isTrue();
    assertThat(ApprovalGrant.covers(2)).isFalse();
    assertThat(ApprovalGrant.covers(5)).isFalse();
  }
}
