package dev.gatehouse.api.audit;

import dev.gatehouse.audit.AuditRecord;
import java.time.Instant;

/**
 * The JSON shape of one audit record. A record still {@code STARTED} whose request is long over is
 * reported by the service as {@code INTERRUPTED}; this view shows the stored decision.
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
    Long bytesOut) {

  /** Who called. */
  public record Caller(
      String subject, String groups, String tokenId, String address, String userAgent) {}

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
        r.getBytesOut());
  }
}
