-- Gatehouse schema, version 16: the tool inventory, every tool seen per connection.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
--
-- A tool is seen in an MCP tools/list answer or offered in an OpenAI-compatible request. Its
-- fingerprint is the SHA-256 of its canonical {name, description, schema}: a definition that
-- changes under the same name (a "rug pull") keeps the fingerprint it had before, and when.
CREATE TABLE tool_inventory (
    connection_name        VARCHAR(63)  NOT NULL,
    tool_name              VARCHAR(128) NOT NULL,
    description            VARCHAR(4096),
    fingerprint            VARCHAR(64)  NOT NULL,
    previous_fingerprint   VARCHAR(64),
    fingerprint_changed_at TIMESTAMP WITH TIME ZONE,
    destructive            BOOLEAN,
    first_seen             TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen              TIMESTAMP WITH TIME ZONE NOT NULL,
    calls                  BIGINT       NOT NULL,
    refusals               BIGINT       NOT NULL,
    PRIMARY KEY (connection_name, tool_name)
);
