-- Gatehouse schema, version 15: what the gateway understood of an agent exchange.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
--
-- agent_protocol: MCP or OPENAI (NULL for plain HTTP); agent_model: the model asked for (OpenAI);
-- mcp_method and mcp_session_id: the JSON-RPC method and the Mcp-Session-Id sent; tool_names: the
-- tools offered or called, as ',name,name,' so that a search for one tool is LIKE '%,name,%';
-- tool_calls: JSON [{"name":…,"argumentsSha256":…}] of the calls. The chain's canonical form
-- includes these columns only when they are set, so records written before stay verifiable.
ALTER TABLE audit_record ADD agent_protocol VARCHAR(16);
ALTER TABLE audit_record ADD agent_model VARCHAR(128);
ALTER TABLE audit_record ADD mcp_method VARCHAR(64);
ALTER TABLE audit_record ADD mcp_session_id VARCHAR(128);
ALTER TABLE audit_record ADD tool_names VARCHAR(4096);
ALTER TABLE audit_record ADD tool_calls VARCHAR(16384);
