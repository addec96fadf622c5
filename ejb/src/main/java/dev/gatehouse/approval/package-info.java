/**
 * Just-in-time approval: a request that needs a reviewer is held (sealed) instead of forwarded,
 * answered with 202, and released exactly once when the caller resends it with the approval's id
 * after a reviewer approved it. Pending and approved-but-unused approvals expire on deadlines kept
 * in the database, so expiry survives a restart.
 */
package dev.gatehouse.approval;
