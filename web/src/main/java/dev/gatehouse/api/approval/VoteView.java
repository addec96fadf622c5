package dev.gatehouse.api.approval;

import dev.gatehouse.approval.ApprovalVote;
import java.time.Instant;

/** One reviewer's vote on an approval, as the API shows it. */
public record VoteView(String reviewer, String verdict, String reason, Instant votedAt) {

  public static VoteView of(ApprovalVote v) {
    return new VoteView(v.getReviewer(), v.getVerdict(), v.getReason(), v.getVotedAt());
  }
}
