-- Gatehouse schema, version 1: the connection registry and the audit trail.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE backend_connection (
    id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
    name                VARCHAR(63)    NOT NULL,
    base_url            VARCHAR(2048)  NOT NULL,
    credential_kind     VARCHAR(16)    NOT NULL,
    credential_header   VARCHAR(128),
    secret_ciphertext   VARCHAR(8192),
    secret_key_id       VARCHAR(64),
    trusted_ca_pem      VARCHAR(65536),
    connect_timeout_ms  INTEGER        NOT NULL,
    read_timeout_ms     INTEGER        NOT NULL,
    max_request_bytes   BIGINT         NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT         NOT NULL,
    CONSTRAINT uq_backend_connection_name UNIQUE (name)
);

CREATE TABLE backend_connection_group (
    connection_id  VARCHAR(36)   NOT NULL REFERENCES backend_connection (id) ON DELETE CASCADE,
    group_name     VARCHAR(255)  NOT NULL,
    CONSTRAINT pk_backend_connection_group PRIMARY KEY (connection_id, group_name)
);

CREATE TABLE audit_record (
    id                     VARCHAR(36)   NOT NULL PRIMARY KEY,
    started_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at               TIMESTAMP WITH TIME ZONE,
    caller_subject         VARCHAR(255),
    caller_groups          VARCHAR(2048),
    token_id               VARCHAR(255),
    client_address         VARCHAR(64),
    user_agent             VARCHAR(512),
    connection_name        VARCHAR(63),
    method                 VARCHAR(16)   NOT NULL,
    path                   VARCHAR(4096),
    query_string           VARCHAR(4096),
    inbound_tls_protocol   VARCHAR(16),
    inbound_cipher_suite   VARCHAR(64),
    upstream_tls_protocol  VARCHAR(16),
    upstream_cipher_suite  VARCHAR(64),
    decision               VARCHAR(16)   NOT NULL,
    reason                 VARCHAR(64),
    status_code            INTEGER,
    total_micros           BIGINT,
    upstream_micros        BIGINT,
    bytes_in               BIGINT,
    bytes_out              BIGINT
);

CREATE INDEX ix_audit_record_started_at ON audit_record (started_at);
CREATE INDEX ix_audit_record_connection ON audit_record (connection_name, started_at);
CREATE INDEX ix_audit_record_caller ON audit_record (caller_subject, started_at);
