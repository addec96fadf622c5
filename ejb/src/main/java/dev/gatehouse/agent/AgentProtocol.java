package dev.gatehouse.agent;

/** The protocol an exchange speaks, as far as the gateway understands it. */
public enum AgentProtocol {
  /** Plain HTTP: relayed as bytes. */
  HTTP,
  /** An OpenAI-compatible API (Chat Completions, Responses). */
  OPENAI,
  /** MCP over Streamable HTTP: JSON-RPC 2.0. */
  MCP
}
