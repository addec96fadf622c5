-- Gatehouse schema, version 18: what an agent exchange's answer said about itself.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
--
-- tokens_input, tokens_output: the model's token usage as the answer reports it (OpenAI `usage`);
-- tool_error: whether a tool that ran failed (MCP `isError`). Like the V15 columns, the chain's
-- canonical form includes them only when set.
ALTER TABLE audit_record ADD tokens_input BIGINT;
ALTER TABLE audit_record ADD tokens_output BIGINT;
ALTER TABLE audit_record ADD tool_error BOOLEAN;
