-- Gatehouse schema, version 3: policy rules (the denylist), kept as data.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

CREATE TABLE policy_rule (
    id                VARCHAR(36)    NOT NULL PRIMARY KEY,
    name              VARCHAR(128)   NOT NULL,
    connection_name   VARCHAR(63),
    target            VARCHAR(16)    NOT NULL,
    selector          VARCHAR(1024),
    pattern           VARCHAR(4096)  NOT NULL,
    match_kind        VARCHAR(8)     NOT NULL,
    case_insensitive  BOOLEAN        NOT NULL,
    rule_action       VARCHAR(24)    NOT NULL,
    message           VARCHAR(512),
    enabled           BOOLEAN        NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT         NOT NULL,
    CONSTRAINT uq_policy_rule_name UNIQUE (name)
);

CREATE INDEX ix_policy_rule_connection ON policy_rule (connection_name);
