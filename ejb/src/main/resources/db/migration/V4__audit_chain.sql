-- Gatehouse schema, version 4: the audit trail's hash chain, transcripts, rule hits and search indexes.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

-- A record is chained when it is completed: seq is its place in completion order, prev_hash the
-- hash of the record at seq - 1 (64 zeros for the first), record_hash the SHA-256 of its canonical
-- form (see dev.gatehouse.audit.ChainHash). STARTED records have no seq yet.
ALTER TABLE audit_record ADD COLUMN seq BIGINT;
ALTER TABLE audit_record ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_record ADD COLUMN record_hash VARCHAR(64);
ALTER TABLE audit_record ADD COLUMN rule_hits VARCHAR(8192);
ALTER TABLE audit_record ADD COLUMN request_transcript VARCHAR(1000000);
ALTER TABLE audit_record ADD COLUMN response_transcript VARCHAR(1000000);
ALTER TABLE audit_record ADD COLUMN request_body_bytes BIGINT;
ALTER TABLE audit_record ADD COLUMN response_body_bytes BIGINT;
ALTER TABLE audit_record ADD COLUMN transcript_truncated BOOLEAN;

CREATE UNIQUE INDEX ux_audit_record_seq ON audit_record (seq);
CREATE INDEX ix_audit_record_decision ON audit_record (decision, started_at);
CREATE INDEX ix_audit_record_status ON audit_record (status_code, started_at);
CREATE INDEX ix_audit_record_started_id ON audit_record (started_at, id);

-- The ends of the chain: one row, locked by the writer for each batch, so that appends are
-- serialised even when several gateway instances share the database. last_* is the newest
-- record; first_seq/first_prev_hash the oldest kept one and the hash it links to (moved by the
-- retention purge, so the kept part still verifies).
CREATE TABLE audit_chain_head (
    id               INTEGER      NOT NULL PRIMARY KEY,
    last_seq         BIGINT       NOT NULL,
    last_hash        VARCHAR(64)  NOT NULL,
    first_seq        BIGINT       NOT NULL,
    first_prev_hash  VARCHAR(64)  NOT NULL
);

INSERT INTO audit_chain_head (id, last_seq, last_hash, first_seq, first_prev_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
        1, '0000000000000000000000000000000000000000000000000000000000000000');
