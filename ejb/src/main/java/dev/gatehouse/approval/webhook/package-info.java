/**
 * Webhook notifications of approvals and grants: written to an outbox table in the same transaction
 * as the change they report, delivered by a timer with exponential back-off, signed with
 * HMAC-SHA256. Delivery never runs on the data path, so a failing receiver cannot slow a request.
 */
package dev.gatehouse.approval.webhook;
