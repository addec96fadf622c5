-- Gatehouse schema, version 13: one index fewer on the audit trail's write path.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
--
-- ix_audit_record_started_id (started_at, id), from V4, is the newest-first index of V7
-- (started_at DESC, id DESC) in the other direction: every query that can use one can use the other
-- (time ranges, the newest page; the write-ahead sweep at start looks rows up by seq IS NULL). Each
-- record's write-ahead INSERT and its completing UPDATE (never HOT: it sets seq) paid for both.
DROP INDEX ix_audit_record_started_id;
