-- Gatehouse schema, version 8: per-connection rate limits.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
-- NULL means the configured default (gatehouse.ratelimit.*), 0 means no limit.

ALTER TABLE backend_connection ADD rate_interval_s INTEGER;
ALTER TABLE backend_connection ADD rate_caller_requests INTEGER;
ALTER TABLE backend_connection ADD rate_connection_requests INTEGER;
ALTER TABLE backend_connection ADD rate_caller_concurrent INTEGER;
ALTER TABLE backend_connection ADD rate_connection_concurrent INTEGER;
