package dev.gatehouse.api.approval;

import dev.gatehouse.approval.Approval;
import java.time.Instant;

/**
 * The JSON shape of one approval. {@code status} is the state as of now: a live approval past its
 * deadline shows {@code EXPIRED} even before the sweep has written it.
 */
public record ApprovalView(
    String id,
    String status,
    String requester,
    String connection,
    String method,
    String path,
    String bodySha256,
    long bodyBytes,
    String heldReason,
    Instant createdAt,
    Instant expiresAt,
    Instant decidedAt,
    String decidedBy,
    String decisionReason,
    Instant usedAt,
    String heldAuditId,
    String releasedAuditId,
    int approvalsRequired,
    int approvalsGiven,
    String revokedBy,
    Instant revokedAt,
    ToolCall toolCall) {

  /**
   * A held tool call: the tool, what it says of itself, the digest of the canonical arguments its
   * release is bound to, and the rule (and its version) that held it.
   */
  public record ToolCall(
      String tool, String description, String argumentsSha256, String ruleId, Long ruleVersion) {}

  public static ApprovalView of(Approval a) {
    return new ApprovalView(
        a.getId(),
        a.stateAt(Instant.now()).name(),
        a.getRequesterSubject(),
        a.getConnectionName(),
        a.getMethod(),
        a.getPath(),
        a.getBodySha256(),
        a.getBodyBytes(),
        a.getHeldReason(),
        a.getCreatedAt(),
        a.getExpiresAt(),
        a.getDecidedAt(),
        a.getDecidedBy(),
        a.getDecisionReason(),
        a.getUsedAt(),
        a.getHeldAuditId(),
        a.getReleasedAuditId(),
        a.getApprovalsRequired(),
        a.getApprovalsGiven(),
        a.getRevokedBy(),
        a.getRevokedAt(),
        a.getToolName() == null
            ? null
            : new ToolCall(
                a.getToolName(),
                a.getToolDescription(),
                a.getToolArgumentsSha256(),
                a.getToolRuleId(),
                a.getToolRuleVersion()));
  }
}
