-- Gatehouse schema, version 21: per-caller budgets for a connection's agent traffic.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
-- NULL means no budget. budget_calls_session, budget_calls_window: MCP tool calls per session and
-- per window; budget_tokens_window: model tokens per window; budget_window_s: the window (NULL:
-- the connection's rate-limit window); budget_max_result_bytes: the longest tool answer relayed.

ALTER TABLE backend_connection ADD budget_calls_session INTEGER;
ALTER TABLE backend_connection ADD budget_calls_window INTEGER;
ALTER TABLE backend_connection ADD budget_tokens_window BIGINT;
ALTER TABLE backend_connection ADD budget_window_s INTEGER;
ALTER TABLE backend_connection ADD budget_max_result_bytes BIGINT;
