package dev.gatehouse.api.audit;

import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON shape of one audit record, as stored: a record left {@code STARTED} by a crash is turned
 * into {@code INTERRUPTED} when the gateway next starts.
 */
public record AuditRecordView(
    String id,
    Instant startedAt,
    Instant endedAt,
    Caller caller,
    String connection,
    String method,
    String path,
    String query,
    Tls inboundTls,
    Tls upstreamTls,
    String decision,
    String reason,
    Integer status,
    Long totalMicros,
    Long upstreamMicros,
    Long bytesIn,
    Long bytesOut,
    String ruleHits,
    Transcript request,
    Transcript response,
    Chain chain,
    Agent agent) {

  /** Who called. */
  public record Caller(
      String subject, String groups, String tokenId, String address, String userAgent) {}

  /**
   * A masked transcript.
   *
   * @param text start line, headers (credentials redacted), blank line, body up to the cap
   * @param bodyBytes the full body length, whatever was kept
   * @param truncated whether either transcript of the record was cut at the cap
   */
  public record Transcript(String text, Long bodyBytes, Boolean truncated) {}

  /**
   * The record's place in the hash chain; all null while it is still STARTED. {@code keyId} names
   * the chain key whose HMAC {@code hash} is, null for a plain SHA-256 record.
   */
  public record Chain(Long seq, String prevHash, String hash, String keyId) {}

  /**
   * What the gateway understood of an agent exchange; null for plain HTTP.
   *
   * @param protocol MCP or OPENAI
   * @param model the model asked for (OpenAI)
   * @param mcpMethod the JSON-RPC method (MCP)
   * @param mcpSessionId the {@code Mcp-Session-Id} the caller sent
   * @param tools the tools offered or called
   * @param toolCalls each call: the tool, and the SHA-256 of its canonical arguments
   * @param inputTokens tokens the model read, as its answer reports them
   * @param outputTokens tokens the model wrote, as its answer reports them
   * @param toolError for an MCP tool call: whether the tool ran and failed ({@code isError})
   */
  public record Agent(
      String protocol,
      String model,
      String mcpMethod,
      String mcpSessionId,
      List<String> tools,
      List<ToolCall> toolCalls,
      Long inputTokens,
      Long outputTokens,
      Boolean toolError) {

    static Agent of(AuditRecord r) {
      if (r.getAgentProtocol() == null) {
        return null;
      }
      List<String> tools =
          r.getToolNames() == null
              ? List.of()
              : Arrays.stream(r.getToolNames().split(",")).filter(t -> !t.isEmpty()).toList();
      List<ToolCall> calls = new ArrayList<>();
      if (r.getToolCalls() != null) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(r.getToolCalls()))) {
          for (JsonValue call : reader.readArray()) {
            JsonObject c = call.asJsonObject();
            calls.add(new ToolCall(c.getString("name"), c.getString("argumentsSha256")));
          }
        }
      }
      return new Agent(
          r.getAgentProtocol(),
          r.getAgentModel(),
          r.getMcpMethod(),
          r.getMcpSessionId(),
          tools,
          calls,
          r.getTokensInput(),
          r.getTokensOutput(),
          r.getToolError());
    }
  }

  /** One tool call: the tool, and the SHA-256 of its canonical arguments. */
  public record ToolCall(String name, String argumentsSha256) {}

  /** One TLS leg. */
  public record Tls(String protocol, String cipherSuite) {}

  public static AuditRecordView of(AuditRecord r) {
    return new AuditRecordView(
        r.getId(),
        r.getStartedAt(),
        r.getEndedAt(),
        new Caller(
            r.getCallerSubject(),
            r.getCallerGroups(),
            r.getTokenId(),
            r.getClientAddress(),
            r.getUserAgent()),
        r.getConnectionName(),
        r.getMethod(),
        r.getPath(),
        r.getQuery(),
        new Tls(r.getInboundTlsProtocol(), r.getInboundCipherSuite()),
        new Tls(r.getUpstreamTlsProtocol(), r.getUpstreamCipherSuite()),
        r.getDecision().name(),
        r.getReason(),
        r.getStatus(),
        r.getTotalMicros(),
        r.getUpstreamMicros(),
        r.getBytesIn(),
        r.getBytesOut(),
        r.getRuleHits(),
        new Transcript(
            r.getRequestTranscript(), r.getRequestBodyBytes(), r.getTranscriptTruncated()),
        new Transcript(
            r.getResponseTranscript(), r.getResponseBodyBytes(), r.getTranscriptTruncated()),
        new Chain(r.getSeq(), r.getPrevHash(), r.getRecordHash(), r.getChainKeyId()),
        Agent.of(r));
  }
}
