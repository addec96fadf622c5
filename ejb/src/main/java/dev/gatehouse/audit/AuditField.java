package dev.gatehouse.audit;

/**
 * The stored fields of an audit record, in the order of their canonical form (see {@link
 * ChainHash}). The order is part of the chain's format: append new fields at the end and bump
 * {@link ChainHash#FORMAT}, never reorder.
 */
enum AuditField {
  SEQ("seq", Kind.LONG),
  PREV_HASH("prev_hash", Kind.STRING),
  ID("id", Kind.STRING),
  STARTED_AT("started_at", Kind.INSTANT),
  ENDED_AT("ended_at", Kind.INSTANT),
  CALLER_SUBJECT("caller_subject", Kind.STRING),
  CALLER_GROUPS("caller_groups", Kind.STRING),
  TOKEN_ID("token_id", Kind.STRING),
  CLIENT_ADDRESS("client_address", Kind.STRING),
  USER_AGENT("user_agent", Kind.STRING),
  CONNECTION_NAME("connection_name", Kind.STRING),
  METHOD("method", Kind.STRING),
  PATH("path", Kind.STRING),
  QUERY("query_string", Kind.STRING),
  INBOUND_TLS_PROTOCOL("inbound_tls_protocol", Kind.STRING),
  INBOUND_CIPHER_SUITE("inbound_cipher_suite", Kind.STRING),
  UPSTREAM_TLS_PROTOCOL("upstream_tls_protocol", Kind.STRING),
  UPSTREAM_CIPHER_SUITE("upstream_cipher_suite", Kind.STRING),
  DECISION("decision", Kind.STRING),
  REASON("reason", Kind.STRING),
  STATUS("status_code", Kind.INTEGER),
  TOTAL_MICROS("total_micros", Kind.LONG),
  UPSTREAM_MICROS("upstream_micros", Kind.LONG),
  BYTES_IN("bytes_in", Kind.LONG),
  BYTES_OUT("bytes_out", Kind.LONG),
  RULE_HITS("rule_hits", Kind.STRING),
  REQUEST_TRANSCRIPT("request_transcript", Kind.STRING),
  RESPONSE_TRANSCRIPT("response_transcript", Kind.STRING),
  REQUEST_BODY_BYTES("request_body_bytes", Kind.LONG),
  RESPONSE_BODY_BYTES("response_body_bytes", Kind.LONG),
  TRANSCRIPT_TRUNCATED("transcript_truncated", Kind.BOOLEAN),
  // The agent facts (schema V15). Hashed only when set, so every record written before them keeps
  // its canonical form and still verifies; on a record that has them, they are sealed like the
  // rest.
  AGENT_PROTOCOL("agent_protocol", Kind.STRING, true),
  AGENT_MODEL("agent_model", Kind.STRING, true),
  MCP_METHOD("mcp_method", Kind.STRING, true),
  MCP_SESSION_ID("mcp_session_id", Kind.STRING, true),
  TOOL_NAMES("tool_names", Kind.STRING, true),
  TOOL_CALLS("tool_calls", Kind.STRING, true),
  // What the answer said of itself (schema V18), hashed when set like the V15 fields.
  TOKENS_INPUT("tokens_input", Kind.LONG, true),
  TOKENS_OUTPUT("tokens_output", Kind.LONG, true),
  TOOL_ERROR("tool_error", Kind.BOOLEAN, true);

  /** How a field's value is typed in Java and in SQL. */
  enum Kind {
    STRING,
    INSTANT,
    LONG,
    INTEGER,
    BOOLEAN
  }

  final String column;
  final Kind kind;

  /** Whether the canonical form leaves the field out while it is null (fields added later). */
  final boolean hashedWhenSet;

  AuditField(String column, Kind kind) {
    this(column, kind, false);
  }

  AuditField(String column, Kind kind, boolean hashedWhenSet) {
    this.column = column;
    this.kind = kind;
    this.hashedWhenSet = hashedWhenSet;
  }
}
