-- Gatehouse schema, version 20: pinned tool definitions.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
--
-- The first definition an MCP server lists for a tool is pinned: its fingerprint and its canonical
-- {name, description, schema} JSON (kept up to 32768 characters, else NULL: the fingerprint still
-- pins it). A later listing with another fingerprint quarantines the tool (quarantined_at): it is
-- hidden from tools/list and its calls are refused until an admin accepts the definition last
-- listed (pending_*), which then becomes the pin (pinned_by: the admin; NULL: pinned at first
-- sight). A row with no pin (a tool known only from a call or an OpenAI request, or seen before
-- this version) is pinned when it is next listed.
ALTER TABLE tool_inventory ADD pinned_fingerprint VARCHAR(64);
ALTER TABLE tool_inventory ADD pinned_definition VARCHAR(32768);
ALTER TABLE tool_inventory ADD pinned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE tool_inventory ADD pinned_by VARCHAR(255);
ALTER TABLE tool_inventory ADD pending_fingerprint VARCHAR(64);
ALTER TABLE tool_inventory ADD pending_definition VARCHAR(32768);
ALTER TABLE tool_inventory ADD quarantined_at TIMESTAMP WITH TIME ZONE;
