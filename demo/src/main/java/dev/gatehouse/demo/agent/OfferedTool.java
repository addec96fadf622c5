package dev.gatehouse.demo.agent;

import java.util.Map;

/**
 * A function tool a chat-completion request offers the model ({@code tools: [{type: "function",
 * function: {name, description, parameters}}]}).
 *
 * @param parameters its JSON Schema, empty when the request gave none
 */
record OfferedTool(String name, String description, Map<?, ?> parameters) {}
