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
    name = "AuditRecord.findRecent",
    query = "SELECT r FROM AuditRecord r ORDER BY r.startedAt DESC, r.id DESC")
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

  protected AuditRecord() {}

  AuditRecord(String id, Instant startedAt, String method) {
    this.id = id;
    this.startedAt = startedAt;
    this.method = method;
    this.decision = Decision.STARTED;
  }

  void describeRequest(
      String connectionName,
      String path,
      String query,
      String clientAddress,
      String userAgent,
      String inboundTlsProtocol,
      String inboundCipherSuite) {
    this.connectionName = connectionName;
    this.path = clip(path, 4096);
    this.query = clip(query, 4096);
    this.clientAddress = clip(clientAddress, 64);
    this.userAgent = clip(userAgent, 512);
    this.inboundTlsProtocol = inboundTlsProtocol;
    this.inboundCipherSuite = inboundCipherSuite;
  }

  void describeCaller(String subject, String groups, String tokenId) {
    this.callerSubject = clip(subject, 255);
    this.callerGroups = clip(groups, 2048);
    this.tokenId = clip(tokenId, 255);
  }

  void complete(
      Instant endedAt,
      Decision decision,
      String reason,
      Integer status,
      Long totalMicros,
      Long upstreamMicros,
      Long bytesIn,
      Long bytesOut,
      String upstreamTlsProtocol,
      String upstreamCipherSuite) {
    this.endedAt = endedAt;
    this.decision = decision;
    this.reason = reason;
    this.status = status;
    this.totalMicros = totalMicros;
    this.upstreamMicros = upstreamMicros;
    this.bytesIn = bytesIn;
    this.bytesOut = bytesOut;
    this.upstreamTlsProtocol = upstreamTlsProtocol;
    this.upstreamCipherSuite = upstreamCipherSuite;
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
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
