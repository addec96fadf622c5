-- Gatehouse schema, version 12: the keyed audit chain and checkpoints of its head.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+. (V10 is PostgreSQL's own, in db/postgresql.)

-- The id of the chain key a record's hash is an HMAC under (format gatehouse-audit-v2-hmac, see
-- dev.gatehouse.audit.ChainHash): the first 8 bytes of the key's SHA-256, hex. NULL for records
-- hashed with plain SHA-256 (format v1: every record before this version, and every record written
-- without gatehouse.audit.chain-key-file). The key itself is never stored in the database.
ALTER TABLE audit_record ADD COLUMN chain_key_id VARCHAR(16);

-- Checkpoints of the chain's head, taken every N records or T seconds and delivered to the audit
-- sinks (each sink's cursor row '<sink>.checkpoints' in audit_sink_cursor), so that a SIEM holds
-- the head's hash at a time. One per head: seq is the key, so two instances checkpointing the same
-- head write one row. Purged with the records they point at.
CREATE TABLE audit_checkpoint (
    seq           BIGINT        NOT NULL PRIMARY KEY,
    record_hash   VARCHAR(64)   NOT NULL,
    chain_key_id  VARCHAR(16),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(255)  NOT NULL,
    trigger_kind  VARCHAR(16)   NOT NULL
);
