-- Gatehouse schema, version 5: just-in-time approval of held requests.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

ALTER TABLE backend_connection ADD approval_required BOOLEAN DEFAULT FALSE NOT NULL;
-- Per-connection TTLs in seconds; NULL means the configured default.
ALTER TABLE backend_connection ADD approval_pending_ttl_s INTEGER;
ALTER TABLE backend_connection ADD approval_approved_ttl_s INTEGER;

CREATE TABLE approval (
    id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
    state               VARCHAR(16)    NOT NULL,
    requester_subject   VARCHAR(255)   NOT NULL,
    connection_name     VARCHAR(63)    NOT NULL,
    method              VARCHAR(16)    NOT NULL,
    path                VARCHAR(4096)  NOT NULL,
    query_sha256        VARCHAR(64)    NOT NULL,
    body_sha256         VARCHAR(64)    NOT NULL,
    body_bytes          BIGINT         NOT NULL,
    held_reason         VARCHAR(255)   NOT NULL,
    sealed_key_id       VARCHAR(64)    NOT NULL,
    sealed_request      VARCHAR(1000000) NOT NULL,
    approved_ttl_s      INTEGER        NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at          TIMESTAMP WITH TIME ZONE,
    decided_by          VARCHAR(255),
    decision_reason     VARCHAR(1024),
    used_at             TIMESTAMP WITH TIME ZONE,
    held_audit_id       VARCHAR(36),
    released_audit_id   VARCHAR(36),
    version             BIGINT         NOT NULL
);

CREATE INDEX ix_approval_state_expires ON approval (state, expires_at);
CREATE INDEX ix_approval_requester ON approval (requester_subject, created_at);
CREATE INDEX ix_approval_connection ON approval (connection_name, created_at);
