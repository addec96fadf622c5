/**
 * What the gateway understands of agent traffic: the protocol of an exchange (OpenAI-compatible
 * APIs, MCP over Streamable HTTP, or plain HTTP), and the facts it carries — the model, the MCP
 * method and session, the tools offered and the tool calls with a digest of their canonical
 * arguments. A floor above {@code exchange}: it reads the exchange and attaches its facts to it
 * ({@link dev.gatehouse.agent.AgentFacts}); the wings (policy, approval, audit) read those facts.
 * It imports no wing.
 */
package dev.gatehouse.agent;
