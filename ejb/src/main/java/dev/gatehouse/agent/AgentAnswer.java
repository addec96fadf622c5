package dev.gatehouse.agent;

/**
 * What an agent exchange's answer said about itself, read at its end as the caller received it.
 * Attached to the exchange beside the request's {@link AgentFacts}; read by the audit record.
 *
 * @param inputTokens tokens the model read ({@code usage.prompt_tokens} or {@code input_tokens}),
 *     or {@code null} when the answer does not say
 * @param outputTokens tokens the model wrote ({@code completion_tokens} or {@code output_tokens}),
 *     or {@code null}
 * @param toolError for an MCP {@code tools/call}: whether the tool ran and failed ({@code
 *     isError}); {@code null} when there is no such result
 */
public record AgentAnswer(Long inputTokens, Long outputTokens, Boolean toolError) {

  public static final AgentAnswer NOTHING = new AgentAnswer(null, null, null);

  public boolean isEmpty() {
    return inputTokens == null && outputTokens == null && toolError == null;
  }
}
