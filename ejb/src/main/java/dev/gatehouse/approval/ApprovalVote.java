package dev.gatehouse.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One reviewer's vote on one approval. The primary key (approval, reviewer) is what makes the
 * reviewers of an approval that needs several distinct: a second vote by the same reviewer cannot
 * be stored.
 */
@Entity
@Table(name = "approval_vote")
@IdClass(ApprovalVote.Key.class)
@NamedQuery(
    name = "ApprovalVote.ofApproval",
    query = "SELECT v FROM ApprovalVote v WHERE v.approvalId = :approvalId ORDER BY v.votedAt")
public class ApprovalVote {

  @Id
  @Column(name = "approval_id", length = 36)
  private String approvalId;

  @Id
  @Column(length = 255)
  private String reviewer;

  /** {@code APPROVE} or {@code DENY}. */
  @Column(nullable = false, length = 16)
  private String verdict;

  @Column(length = 1024)
  private String reason;

  @Column(name = "voted_at", nullable = false)
  private Instant votedAt;

  protected ApprovalVote() {}

  public ApprovalVote(
      String approvalId, String reviewer, String verdict, String reason, Instant votedAt) {
    this.approvalId = approvalId;
    this.reviewer = reviewer;
    this.verdict = verdict;
    this.reason = reason == null || reason.length() <= 1024 ? reason : reason.substring(0, 1024);
    this.votedAt = votedAt;
  }

  public String getApprovalId() {
    return approvalId;
  }

  public String getReviewer() {
    return reviewer;
  }

  public String getVerdict() {
    return verdict;
  }

  public String getReason() {
    return reason;
  }

  public Instant getVotedAt() {
    return votedAt;
  }

  /** The composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private String approvalId;
    private String reviewer;

    public Key() {}

    public Key(String approvalId, String reviewer) {
      this.approvalId = approvalId;
      this.reviewer = reviewer;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(approvalId, k.approvalId)
          && Objects.equals(reviewer, k.reviewer);
    }

    @Override
    public int hashCode() {
      return Objects.hash(approvalId, reviewer);
    }
  }
}
