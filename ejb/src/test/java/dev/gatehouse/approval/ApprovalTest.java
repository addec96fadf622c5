package dev.gatehouse.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.exchange.GatewayRefusal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApprovalTest {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final RequestFacts FACTS =
      new RequestFacts("demo", "POST", "/v1/chat", "q", "b", 10, "h");

  private final Approval approval =
      new Approval(
          "alice", FACTS, "connection", T0, Duration.ofMinutes(15), Duration.ofMinutes(10), 1);

  private final Approval twoReviewers =
      new Approval(
          "alice", FACTS, "connection", T0, Duration.ofMinutes(15), Duration.ofMinutes(10), 2);

  private static GatewayRefusal refusal(Runnable action) {
    try {
      action.run();
    } catch (GatewayRefusal r) {
      return r;
    }
    throw new AssertionError("expected a refusal");
  }

  @Test
  void startsPendingWithThePendingDeadline() {
    assertThat(approval.stateAt(T0)).isEqualTo(ApprovalState.PENDING);
    assertThat(approval.getExpiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
  }

  @Test
  void approvalRecordsTheReviewerAndStartsTheApprovedDeadline() {
    Instant at = T0.plusSeconds(60);
    approval.approve("rita", at);

    assertThat(approval.getState()).isEqualTo(ApprovalState.APPROVED);
    assertThat(approval.getDecidedBy()).isEqualTo("rita");
    assertThat(approval.getDecidedAt()).isEqualTo(at);
    assertThat(approval.getExpiresAt()).isEqualTo(at.plus(Duration.ofMinutes(10)));
  }

  @Test
  void refusesSelfApprovalAndSelfDenial() {
    GatewayRefusal approve = refusal(() -> approval.approve("alice", T0));
    GatewayRefusal deny = refusal(() -> approval.deny("alice", "no", T0));

    assertThat(approve.status()).isEqualTo(403);
    assertThat(approve.reason()).isEqualTo("self_approval");
    assertThat(deny.reason()).isEqualTo("self_approval");
    assertThat(approval.getState()).isEqualTo(ApprovalState.PENDING);
  }

  @Test
  void denialNeedsAReason() {
    assertThat(refusal(() -> approval.deny("rita", "  ", T0)).reason())
        .isEqualTo("reason_required");
    assertThat(refusal(() -> approval.deny("rita", null, T0)).status()).isEqualTo(400);

    approval.deny("rita", "Deletes production data", T0);
    assertThat(approval.getState()).isEqualTo(ApprovalState.DENIED);
    assertThat(approval.getDecisionReason()).isEqualTo("Deletes production data");
  }

  @Test
  void aDecisionIsFinal() {
    approval.deny("rita", "no", T0);

    GatewayRefusal again = refusal(() -> approval.approve("ralph", T0));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.reason()).isEqualTo("approval_not_pending");
    assertThat(approval.getDecidedBy()).isEqualTo("rita");
  }

  @Test
  void aPassedDeadlineCountsAsExpiredBeforeTheSweepRuns() {
    Instant late = T0.plus(Duration.ofMinutes(15));

    assertThat(approval.stateAt(late)).isEqualTo(ApprovalState.EXPIRED);
    assertThat(refusal(() -> approval.approve("rita", late)).status()).isEqualTo(410);
  }

  @Test
  void releasesOnlyAnApprovedUnexpiredMatchingRequestOfTheSameCaller() {
    assertThat(refusal(() -> approval.checkRelease("alice", FACTS, T0)).reason())
        .isEqualTo("approval_pending");
    approval.approve("rita", T0);

    approval.checkRelease("alice", FACTS, T0.plusSeconds(1));

    assertThat(refusal(() -> approval.checkRelease("mallory", FACTS, T0)).reason())
        .isEqualTo("approval_not_yours");
    assertThat(
            refusal(
                    () ->
                        approval.checkRelease(
                            "alice",
                            new RequestFacts("demo", "POST", "/v1/chat", "q", "X", 10, "h"),
                            T0))
                .detail())
        .contains("body");
    assertThat(
            refusal(
                    () ->
                        approval.checkRelease(
                            "alice",
                            new RequestFacts("demo", "DELETE", "/v1/chat", "q", "b", 10, "h"),
                            T0))
                .reason())
        .isEqualTo("approval_mismatch");
    assertThat(
            refusal(
                    () ->
                        approval.checkRelease(
                            "alice",
                            new RequestFacts("other", "POST", "/v1/chat", "q", "b", 10, "h"),
                            T0))
                .detail())
        .contains("connection");
    GatewayRefusal headers =
        refusal(
            () ->
                approval.checkRelease(
                    "alice", new RequestFacts("demo", "POST", "/v1/chat", "q", "b", 10, "H"), T0));
    assertThat(headers.status()).isEqualTo(409);
    assertThat(headers.reason()).isEqualTo("approval_mismatch");
    assertThat(headers.detail()).contains("headers");
    GatewayRefusal expired =
        refusal(() -> approval.checkRelease("alice", FACTS, T0.plus(Duration.ofMinutes(10))));
    assertThat(expired.status()).isEqualTo(410);
    assertThat(expired.reason()).isEqualTo("approval_expired");
  }

  @Test
  void anApprovalHeldWithoutAHeadersDigestMatchesNoResend() {
    Approval legacy =
        new Approval(
            "alice",
            new RequestFacts("demo", "POST", "/v1/chat", "q", "b", 10, null),
            "connection",
            T0,
            Duration.ofMinutes(15),
            Duration.ofMinutes(10),
            1);
    legacy.approve("rita", T0);

    GatewayRefusal refused =
        refusal(
            () ->
                legacy.checkRelease(
                    "alice", new RequestFacts("demo", "POST", "/v1/chat", "q", "b", 10, null), T0));

    assertThat(refused.reason()).isEqualTo("approval_mismatch");
    assertThat(refused.detail()).contains("headers");
  }

  @Test
  void aDeniedRequestIsNotReleased() {
    approval.deny("rita", "no", T0);

    GatewayRefusal refused = refusal(() -> approval.checkRelease("alice", FACTS, T0));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.reason()).isEqualTo("approval_denied");
  }

  @Test
  void stateMachineAllowsOnlyTheDocumentedSteps() {
    assertThat(ApprovalState.PENDING.canBecome(ApprovalState.APPROVED)).isTrue();
    assertThat(ApprovalState.PENDING.canBecome(ApprovalState.USED)).isFalse();
    assertThat(ApprovalState.APPROVED.canBecome(ApprovalState.USED)).isTrue();
    assertThat(ApprovalState.APPROVED.canBecome(ApprovalState.DENIED)).isFalse();
    for (ApprovalState last :
        new ApprovalState[] {ApprovalState.DENIED, ApprovalState.EXPIRED, ApprovalState.USED}) {
      for (ApprovalState next : ApprovalState.values()) {
        assertThat(last.canBecome(next)).as(last + "->" + next).isFalse();
      }
    }
  }

  @Test
  void staysPendingUntilTheRequiredNumberOfReviewersApproved() {
    boolean first = twoReviewers.approve("rita", T0.plusSeconds(1));

    assertThat(first).isFalse();
    assertThat(twoReviewers.stateAt(T0.plusSeconds(1))).isEqualTo(ApprovalState.PENDING);
    assertThat(twoReviewers.getApprovalsGiven()).isEqualTo(1);
    assertThat(twoReviewers.getExpiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));

    boolean second = twoReviewers.approve("ravi", T0.plusSeconds(2));

    assertThat(second).isTrue();
    assertThat(twoReviewers.getState()).isEqualTo(ApprovalState.APPROVED);
    assertThat(twoReviewers.getDecidedBy()).isEqualTo("ravi");
  }

  @Test
  void aRevokedApprovalCannotBeReleased() {
    approval.approve("rita", T0);
    approval.revoke("rita", T0.plusSeconds(1));

    GatewayRefusal resend = refusal(() -> approval.checkRelease("alice", FACTS, T0.plusSeconds(2)));

    assertThat(resend.status()).isEqualTo(403);
    assertThat(resend.reason()).isEqualTo("approval_revoked");
  }

  @Test
  void onlyAnApprovedApprovalCanBeRevoked() {
    assertThat(refusal(() -> approval.revoke("rita", T0)).reason())
        .isEqualTo("approval_not_approved");
  }
}
