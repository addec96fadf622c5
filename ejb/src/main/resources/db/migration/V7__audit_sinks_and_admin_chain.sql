-- Gatehouse schema, version 7: delivery cursors of the audit sinks, admin events in the chain.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

-- One row per configured sink (syslog, https): the last chain sequence number the sink has
-- acknowledged. Delivery resumes after it, so a restart or an outage loses nothing (at least once).
CREATE TABLE audit_sink_cursor (
    sink_name      VARCHAR(63)    NOT NULL PRIMARY KEY,
    last_seq       BIGINT         NOT NULL,
    delivered      BIGINT         NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error     VARCHAR(1024),
    last_error_at  TIMESTAMP WITH TIME ZONE
);

-- Admin events are copied into the hash chain (as audit records with decision ADMIN and the
-- event's id) by a sweep; this flag says the copy is made. Existing events are copied at the
-- first start after this migration.
ALTER TABLE admin_event ADD COLUMN chained BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX ix_admin_event_chained ON admin_event (chained, occurred_at);
