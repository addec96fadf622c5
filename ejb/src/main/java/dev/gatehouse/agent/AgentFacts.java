package dev.gatehouse.agent;

import java.util.List;

/**
 * What the gateway understood of one exchange's request. Attached to the exchange ({@code
 * ProxyExchange.attach}) by {@link AgentInspectedInterceptor}; read by the audit record.
 *
 * @param protocol the protocol
 * @param model the model asked for (OpenAI), or {@code null}
 * @param mcpMethod the JSON-RPC method (MCP; the first of a batch), or {@code null}
 * @param mcpSessionId the {@code Mcp-Session-Id} the caller sent, or {@code null}
 * @param toolsOffered the tools a request offers the model (OpenAI)
 * @param toolCalls the tools called: by the request (MCP {@code tools/call}), or by the model in
 *     its answer (OpenAI, read as the caller received it)
 * @param jsonRpcId the id of the (first) JSON-RPC request, as raw JSON, or {@code null}
 */
public record AgentFacts(
    AgentProtocol protocol,
    String model,
    String mcpMethod,
    String mcpSessionId,
    List<ToolDefinition> toolsOffered,
    List<ToolCall> toolCalls,
    String jsonRpcId) {

  public static final AgentFacts HTTP =
      new AgentFacts(AgentProtocol.HTTP, null, null, null, List.of(), List.of(), null);

  public AgentFacts {
    toolsOffered = List.copyOf(toolsOffered);
    toolCalls = List.copyOf(toolCalls);
  }

  /** These facts with more tool calls: those an answer made. */
  public AgentFacts withToolCalls(List<ToolCall> more) {
    List<ToolCall> all = new java.util.ArrayList<>(toolCalls);
    all.addAll(more);
    return new AgentFacts(protocol, model, mcpMethod, mcpSessionId, toolsOffered, all, jsonRpcId);
  }
}
