package dev.gatehouse.audit;

import dev.gatehouse.exchange.Decision;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What an auditor needs to know of one request: who, when, from where, over which TLS on both legs,
 * to which connection, what the gateway decided and why, and how it went. Created in the {@code
 * STARTED} state before anything is forwarded (write-ahead) and completed once; a record still
 * {@code STARTED} after a crash is shown as {@code INTERRUPTED}.
 */
@Entity
@Table(name = "audit_record")
@NamedQuery(
    name = "AuditRecord.findChainedFrom",
    query = "SELECT r FROM AuditRecord r WHERE r.seq >= :from AND r.seq <= :to ORDER BY r.seq")
public class AuditRecord {

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Column(name = "caller_subject", length = 255)
  private String callerSubject;

  @Column(name = "caller_groups", length = 2048)
  private String callerGroups;

  @Column(name = "token_id", length = 255)
  private String tokenId;

  @Column(name = "client_address", length = 64)
  private String clientAddress;

  @Column(name = "user_agent", length = 512)
  private String userAgent;

  @Column(name = "connection_name", length = 63)
  private String connectionName;

  @Column(nullable = false, length = 16)
  private String method;

  @Column(length = 4096)
  private String path;

  @Column(name = "query_string", length = 4096)
  private String query;

  @Column(name = "inbound_tls_protocol", length = 16)
  private String inboundTlsProtocol;

  @Column(name = "inbound_cipher_suite", length = 64)
  private String inboundCipherSuite;

  @Column(name = "upstream_tls_protocol", length = 16)
  private String upstreamTlsProtocol;

  @Column(name = "upstream_cipher_suite", length = 64)
  private String upstreamCipherSuite;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private Decision decision;

  @Column(length = 64)
  private String reason;

  @Column(name = "status_code")
  private Integer status;

  @Column(name = "total_micros")
  private Long totalMicros;

  @Column(name = "upstream_micros")
  private Long upstreamMicros;

  @Column(name = "bytes_in")
  private Long bytesIn;

  @Column(name = "bytes_out")
  private Long bytesOut;

  @Column(name = "rule_hits", length = 8192)
  private String ruleHits;

  @Column(name = "request_transcript", length = 1000000)
  private String requestTranscript;

  @Column(name = "response_transcript", length = 1000000)
  private String responseTranscript;

  @Column(name = "request_body_bytes")
  private Long requestBodyBytes;

  @Column(name = "response_body_bytes")
  private Long responseBodyBytes;

  @Column(name = "transcript_truncated")
  private Boolean transcriptTruncated;

  @Column(name = "agent_protocol", length = 16)
  private String agentProtocol;

  @Column(name = "agent_model", length = 128)
  private String agentModel;

  @Column(name = "mcp_method", length = 64)
  private String mcpMethod;

  @Column(name = "mcp_session_id", length = 128)
  private String mcpSessionId;

  @Column(name = "tool_names", length = 4096)
  private String toolNames;

  @Column(name = "tool_calls", length = 16384)
  private String toolCalls;

  @Column(name = "tokens_input")
  private Long tokensInput;

  @Column(name = "tokens_output")
  private Long tokensOutput;

  @Column(name = "tool_error")
  private Boolean toolError;

  @Column(name = "seq")
  private Long seq;

  @Column(name = "prev_hash", length = 64)
  private String prevHash;

  @Column(name = "record_hash", length = 64)
  private String recordHash;

  @Column(name = "chain_key_id", length = 16)
  private String chainKeyId;

  protected AuditRecord() {}

  /** Place in the hash chain (completion order), or {@code null} while still STARTED. */
  public Long getSeq() {
    return seq;
  }

  public String getPrevHash() {
    return prevHash;
  }

  public String getRecordHash() {
    return recordHash;
  }

  /**
   * The id of the chain key whose HMAC {@link #getRecordHash} is (format {@code
   * gatehouse-audit-v2-hmac}), or null for a plain SHA-256 record (v1).
   */
  public String getChainKeyId() {
    return chainKeyId;
  }

  /** The rules that matched, as a JSON array of {@code {ruleId, action, where}}, or null. */
  public String getRuleHits() {
    return ruleHits;
  }

  public String getRequestTranscript() {
    return requestTranscript;
  }

  public String getResponseTranscript() {
    return responseTranscript;
  }

  public Long getRequestBodyBytes() {
    return requestBodyBytes;
  }

  public Long getResponseBodyBytes() {
    return responseBodyBytes;
  }

  public Boolean getTranscriptTruncated() {
    return transcriptTruncated;
  }

  /** MCP or OPENAI, or {@code null} for plain HTTP. */
  public String getAgentProtocol() {
    return agentProtocol;
  }

  public String getAgentModel() {
    return agentModel;
  }

  public String getMcpMethod() {
    return mcpMethod;
  }

  public String getMcpSessionId() {
    return mcpSessionId;
  }

  /** The tools offered or called, as {@code ,name,name,}, or {@code null}. */
  public String getToolNames() {
    return toolNames;
  }

  /** JSON {@code [{"name":…,"argumentsSha256":…}]} of the calls, or {@code null}. */
  public String getToolCalls() {
    return toolCalls;
  }

  /** Tokens the model read, as the answer reports them, or {@code null}. */
  public Long getTokensInput() {
    return tokensInput;
  }

  /** Tokens the model wrote, as the answer reports them, or {@code null}. */
  public Long getTokensOutput() {
    return tokensOutput;
  }

  /** For an MCP tool call: whether the tool ran and failed ({@code isError}), or {@code null}. */
  public Boolean getToolError() {
    return toolError;
  }

  public String getId() {
    return id;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getEndedAt() {
    return endedAt;
  }

  public String getCallerSubject() {
    return callerSubject;
  }

  public String getCallerGroups() {
    return callerGroups;
  }

  public String getTokenId() {
    return tokenId;
  }

  public String getClientAddress() {
    return clientAddress;
  }

  public String getUserAgent() {
    return userAgent;
  }

  public String getConnectionName() {
    return connectionName;
  }

  public String getMethod() {
    return method;
  }

  public String getPath() {
    return path;
  }

  public String getQuery() {
    return query;
  }

  public String getInboundTlsProtocol() {
    return inboundTlsProtocol;
  }

  public String getInboundCipherSuite() {
    return inboundCipherSuite;
  }

  public String getUpstreamTlsProtocol() {
    return upstreamTlsProtocol;
  }

  public String getUpstreamCipherSuite() {
    return upstreamCipherSuite;
  }

  public Decision getDecision() {
    return decision;
  }

  public String getReason() {
    return reason;
  }

  public Integer getStatus() {
    return status;
  }

  public Long getTotalMicros() {
    return totalMicros;
  }

  public Long getUpstreamMicros() {
    return upstreamMicros;
  }

  public Long getBytesIn() {
    return bytesIn;
  }

  public Long getBytesOut() {
    return bytesOut;
  }
}
