package dev.gatehouse.approval;

/**
 * An approval was held, decided or expired. Published by {@link ApprovalFeed} once the change is
 * committed, so that whoever shows approvals (the console's inbox) can refresh.
 *
 * @param approvalId the approval, or {@code null} when several expired at once
 * @param state its new state
 */
public record ApprovalChanged(String approvalId, ApprovalState state) {}
