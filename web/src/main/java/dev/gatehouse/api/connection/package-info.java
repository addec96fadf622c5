/**
 * {@code /api/v1/connections}: the admin API of the connection registry (create, read, list, update
 * with {@code ETag}/{@code If-Match}, delete, key rotation, TLS test). Secrets are write-only: no
 * response ever carries one.
 */
package dev.gatehouse.api.connection;
