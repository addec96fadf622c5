-- Gatehouse schema, version 19: tool-level rules and approvals of one exact tool call.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
--
-- policy_rule: a TOOL rule names tools by a glob in `selector`, may apply only to callers of some
-- groups (caller_groups, comma-separated; NULL: every caller) and may look at one argument only
-- (argument_pointer, a JSON Pointer into the call's arguments; NULL: the canonical arguments).
-- approval: a held tool call is bound to its tool, the SHA-256 of its canonical arguments and the
-- rule (id and version) that held it; only the identical call under the same rule is released.
ALTER TABLE policy_rule ADD caller_groups VARCHAR(2048);
ALTER TABLE policy_rule ADD argument_pointer VARCHAR(1024);
ALTER TABLE approval ADD tool_name VARCHAR(128);
ALTER TABLE approval ADD tool_arguments_sha256 VARCHAR(64);
ALTER TABLE approval ADD tool_rule_id VARCHAR(36);
ALTER TABLE approval ADD tool_rule_version BIGINT;
ALTER TABLE approval ADD tool_description VARCHAR(1024);
CREATE INDEX ix_approval_tool_call ON approval (requester_subject, connection_name, tool_name, tool_arguments_sha256);
