-- Gatehouse schema, version 2: per-connection upstream TLS, response limits, admin events.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

ALTER TABLE backend_connection ADD COLUMN pin_sha256 VARCHAR(64);
ALTER TABLE backend_connection ADD COLUMN min_tls_version VARCHAR(8) DEFAULT 'TLSv1.2' NOT NULL;
ALTER TABLE backend_connection ADD COLUMN client_cert_pem VARCHAR(65536);
ALTER TABLE backend_connection ADD COLUMN client_key_ciphertext VARCHAR(16384);
ALTER TABLE backend_connection ADD COLUMN client_key_key_id VARCHAR(64);
ALTER TABLE backend_connection ADD COLUMN max_response_bytes BIGINT DEFAULT 104857600 NOT NULL;

CREATE TABLE admin_event (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor        VARCHAR(255)  NOT NULL,
    action       VARCHAR(32)   NOT NULL,
    target_kind  VARCHAR(32)   NOT NULL,
    target_name  VARCHAR(255),
    before_json  VARCHAR(65536),
    after_json   VARCHAR(65536)
);

CREATE INDEX ix_admin_event_occurred_at ON admin_event (occurred_at);
