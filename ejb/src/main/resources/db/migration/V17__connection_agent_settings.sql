-- Gatehouse schema, version 17: how a connection's agent traffic is read and governed.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
-- agent_protocol: auto | http | openai | mcp; tool_default: allow | deny (a tool call no tool
-- rule names); mcp_server_requests_allowed: may an MCP server ask the client (sampling, ...).

ALTER TABLE backend_connection ADD agent_protocol VARCHAR(8) DEFAULT 'auto' NOT NULL;
ALTER TABLE backend_connection ADD tool_default VARCHAR(8) DEFAULT 'allow' NOT NULL;
ALTER TABLE backend_connection ADD mcp_server_requests_allowed BOOLEAN DEFAULT FALSE NOT NULL;
