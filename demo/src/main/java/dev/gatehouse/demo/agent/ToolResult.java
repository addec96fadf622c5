package dev.gatehouse.demo.agent;

/**
 * A tool's answer the caller sends back ({@code {role: "tool", tool_call_id, content}}), joined to
 * the call it answers so that the model can say which tool told it what.
 *
 * @param arguments the call's arguments, as the assistant message carried them
 */
record ToolResult(String toolName, String arguments, String content) {}
