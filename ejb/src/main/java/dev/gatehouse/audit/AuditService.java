package dev.gatehouse.audit;

import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.TlsFacts;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes the audit trail. Each call commits on its own ({@code REQUIRES_NEW}): the write-ahead
 * record must be durable before the backend is contacted, whatever transaction the caller is in.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AuditService {

  @PersistenceContext(unitName = "gatehouse")
  private EntityManager em;

  /** Makes the started record of an exchange durable; returns its id. */
  public String begin(ProxyExchange exchange) {
    AuditRecord record = new AuditRecord(exchange.id(), exchange.receivedAt(), exchange.method());
    record.describeRequest(
        exchange.connectionName(),
        exchange.path(),
        QueryRedaction.redact(exchange.rawQuery()),
        exchange.clientAddress(),
        exchange.userAgent(),
        exchange.inboundTls().protocol(),
        exchange.inboundTls().cipherSuite());
    describeCaller(record, exchange.caller());
    em.persist(record);
    return record.getId();
  }

  /** Completes the record of an ended exchange. */
  public void complete(ProxyExchange exchange) {
    AuditRecord record = em.find(AuditRecord.class, exchange.auditId());
    if (record == null) {
      throw new IllegalStateException("No started audit record " + exchange.auditId());
    }
    describeCaller(record, exchange.caller());
    long bytesIn = exchange.bytesIn();
    record.complete(
        exchange.endedAt(),
        exchange.decision(),
        exchange.reason(),
        exchange.status() == 0 ? null : exchange.status(),
        exchange.totalNanos() < 0 ? null : exchange.totalNanos() / 1000,
        exchange.upstreamNanos() < 0 ? null : exchange.upstreamNanos() / 1000,
        bytesIn < 0 ? null : bytesIn,
        exchange.bytesOut(),
        exchange.upstreamTls().protocol(),
        exchange.upstreamTls().cipherSuite());
  }

  /**
   * Records a refusal of the admin API (not a proxied request): what is known of the caller and why
   * they were turned away.
   */
  public String recordAdminRefusal(
      String method,
      String path,
      String clientAddress,
      String userAgent,
      TlsFacts inboundTls,
      CallerIdentity caller,
      int status,
      String reason) {
    Instant now = Instant.now();
    AuditRecord record = new AuditRecord(UUID.randomUUID().toString(), now, method);
    record.describeRequest(
        null,
        path,
        null,
        clientAddress,
        userAgent,
        inboundTls.protocol(),
        inboundTls.cipherSuite());
    describeCaller(record, caller);
    record.complete(now, Decision.REFUSED, reason, status, 0L, null, null, 0L, null, null);
    em.persist(record);
    return record.getId();
  }

  /** The newest records first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<AuditRecord> recent(int limit) {
    return em.createNamedQuery("AuditRecord.findRecent", AuditRecord.class)
        .setMaxResults(limit)
        .getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public AuditRecord find(String id) {
    return em.find(AuditRecord.class, id);
  }

  private static void describeCaller(AuditRecord record, CallerIdentity caller) {
    record.describeCaller(caller.subject(), String.join(",", caller.groups()), caller.tokenId());
  }
}
