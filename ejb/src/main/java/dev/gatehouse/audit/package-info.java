/**
 * Session recording: one {@link dev.gatehouse.audit.AuditRecord} per request that reaches the data
 * path, written before the backend sees the request and completed when the response ends, refusals
 * included. The {@link dev.gatehouse.audit.Audited} interceptor is the outermost link of the chain.
 */
package dev.gatehouse.audit;
