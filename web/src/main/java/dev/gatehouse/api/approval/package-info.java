/**
 * {@code /api/v1/approvals}: reviewers list, inspect (masked), approve and deny held requests;
 * requesters follow their own approvals' status.
 */
package dev.gatehouse.api.approval;
