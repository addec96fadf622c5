/**
 * Budgets for agent traffic, per caller and connection: MCP tool calls per session and per window,
 * model tokens per window (from the answers' {@code usage}), and the longest tool answer relayed.
 * Counted in Payara's Hazelcast data grid like the rate limits, so they hold across a cluster; a
 * caller over a budget is refused with 429 (a JSON-RPC error for an MCP tool call), a tool answer
 * over its limit is cut.
 */
package dev.gatehouse.budget;
