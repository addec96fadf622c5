package dev.gatehouse.approval;

/**
 * An approval left PENDING: approved (by its last required reviewer), denied, or revoked. Fired
 * inside the deciding transaction; observers that act on it observe after success.
 */
public record ApprovalDecided(String approvalId, ApprovalState state) {}
