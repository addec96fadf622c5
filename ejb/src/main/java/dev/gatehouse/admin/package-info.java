/**
 * The record of operators' changes: every create, update, delete and key rotation made through the
 * admin API leaves an {@link dev.gatehouse.admin.AdminEvent} (who, when, what, before and after,
 * secrets redacted), written in the same transaction as the change itself.
 */
package dev.gatehouse.admin;
