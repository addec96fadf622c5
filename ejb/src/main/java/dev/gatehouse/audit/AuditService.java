package dev.gatehouse.audit;

import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.TlsFacts;
import dev.gatehouse.exchange.TranscriptMasker;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The audit trail's entrance for the rest of the application. Writes go through the {@link
 * AuditWriter} (group commit, chained at completion) and return once durable; reads use JPA.
 *
 * <p>No container transaction: a write waits for the writer's own commit, and must neither hold a
 * transaction open meanwhile nor be rolled back with its caller's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditService {

  /** The largest transcript body cap accepted, so a transcript fits its column. */
  static final int MAX_TRANSCRIPT_BYTES = 900_000;

  @PersistenceContext(unitName = "gatehouse")
  private EntityManager em;

  @Resource(lookup = "jdbc/gatehouse")
  private DataSource dataSource;

  @Inject AuditWriter writer;

  @Inject TranscriptMasker masker;

  /**
   * True (the default): a record is completed and committed before the caller's response ends, so
   * every answer a caller received in full has its completed record, even across a crash. False
   * trades that for latency: the response ends first and the completion follows with the next batch
   * (a crash in between leaves the record INTERRUPTED; the write-ahead record still guarantees that
   * nothing is forwarded unrecorded).
   */
  @Inject
  @ConfigProperty(name = "gatehouse.audit.complete-before-response-end", defaultValue = "true")
  boolean completeBeforeResponseEnd;

  @Inject
  @ConfigProperty(name = "gatehouse.audit.transcript-max-bytes", defaultValue = "262144")
  int transcriptMaxBytes;

  /**
   * Makes the started record of an exchange durable; returns its id.
   *
   * @throws AuditUnavailable when it could not be made durable
   */
  public String begin(ProxyExchange exchange) {
    writer.begin(AuditEntries.started(exchange, recordedTarget(exchange)));
    return exchange.id();
  }

  /**
   * The exchange's path and query as records keep them: masked once, at the write-ahead record, and
   * the same text again for the completed one.
   */
  private RecordedTarget recordedTarget(ProxyExchange exchange) {
    return exchange
        .attached(RecordedTarget.class)
        .orElseGet(
            () -> {
              RecordedTarget target =
                  RecordedTarget.of(exchange.path(), exchange.rawQuery(), masker);
              exchange.attach(RecordedTarget.class, target);
              return target;
            });
  }

  /** A recording to tap the exchange's response into, capped by the configured transcript size. */
  public ResponseRecording recording() {
    return new ResponseRecording(transcriptCap());
  }

  /**
   * Completes and chains the record of an ended exchange, transcripts included: before the caller's
   * response ends, or after it when {@code gatehouse.audit.complete-before-response-end} is false
   * (see {@link AuditWriter#completeLater}).
   */
  public void complete(ProxyExchange exchange, ResponseRecording response) {
    if (completeBeforeResponseEnd) {
      writer.complete(completed(exchange, response));
    } else {
      writer.completeLater(exchange.auditId(), () -> completed(exchange, response));
    }
  }

  private AuditEntry completed(ProxyExchange exchange, ResponseRecording response) {
    Transcripts transcripts = new Transcripts(masker);
    int cap = transcriptCap();
    byte[] body = exchange.bodyIfRead();
    boolean requestTruncated = body != null && body.length > cap;
    byte[] requestKept =
        body == null ? null : requestTruncated ? java.util.Arrays.copyOf(body, cap) : body;
    RecordedTarget target = recordedTarget(exchange);
    String requestLine = exchange.method() + " /gw/" + exchange.connectionName() + target.target();
    String requestTranscript =
        transcripts.write(requestLine, exchange.headers(), requestKept, requestTruncated);
    String responseTranscript = null;
    Long responseBytes = null;
    boolean responseTruncated = false;
    if (response.responded()) {
      BodyCapture capture = response.capture();
      responseTruncated = capture.truncated();
      responseBytes = capture.total();
      responseTranscript =
          transcripts.write(
              "HTTP " + response.status(), response.headers(), capture.kept(), responseTruncated);
    }
    return AuditEntries.completed(
        exchange,
        target,
        requestTranscript,
        body == null ? -1 : body.length,
        responseTranscript,
        responseBytes,
        requestTruncated || responseTruncated);
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
    AuditEntry entry =
        new AuditEntry()
            .set(AuditField.ID, UUID.randomUUID().toString())
            .set(AuditField.STARTED_AT, now)
            .set(AuditField.ENDED_AT, now)
            .text(AuditField.METHOD, method, 16)
            .text(AuditField.PATH, RecordedTarget.of(path, null, masker).path(), 4096)
            .text(AuditField.CLIENT_ADDRESS, clientAddress, 64)
            .text(AuditField.USER_AGENT, userAgent, 512)
            .text(AuditField.INBOUND_TLS_PROTOCOL, inboundTls.protocol(), 16)
            .text(AuditField.INBOUND_CIPHER_SUITE, inboundTls.cipherSuite(), 64)
            .set(AuditField.DECISION, Decision.REFUSED.name())
            .text(AuditField.REASON, reason, 64)
            .set(AuditField.STATUS, status)
            .set(AuditField.TOTAL_MICROS, 0L)
            .set(AuditField.BYTES_OUT, 0L);
    AuditEntries.caller(entry, caller);
    writer.append(entry);
    return entry.id();
  }

  /** The newest records first, one page matching the query. */
  public AuditPage search(AuditQuery query) {
    StringBuilder jpql = new StringBuilder("SELECT r FROM AuditRecord r WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (query.from() != null) {
      jpql.append(" AND r.startedAt >= :from");
      params.put("from", query.from());
    }
    if (query.to() != null) {
      jpql.append(" AND r.startedAt < :to");
      params.put("to", query.to());
    }
    if (query.caller() != null) {
      jpql.append(" AND r.callerSubject = :caller");
      params.put("caller", query.caller());
    }
    if (query.connection() != null) {
      jpql.append(" AND r.connectionName = :connection");
      params.put("connection", query.connection());
    }
    if (query.decision() != null) {
      jpql.append(" AND r.decision = :decision");
      params.put("decision", query.decision());
    }
    if (query.status() != null) {
      jpql.append(" AND r.status = :status");
      params.put("status", query.status());
    }
    // Substring filters: on PostgreSQL the trigram indexes of V10 serve these LIKEs as written
    // (plain
    // column, no lower()); on H2 they read the newest-first order back until they have a page.
    if (query.rule() != null) {
      jpql.append(" AND r.ruleHits LIKE :rule");
      params.put("rule", "%\"ruleId\":" + likeEscape(AuditEntries.quote(query.rule())) + "%");
    }
    if (query.tool() != null) {
      jpql.append(" AND r.toolNames LIKE :tool");
      params.put("tool", "%," + likeEscape(query.tool()) + ",%");
    }
    if (query.pathText() != null) {
      jpql.append(" AND r.path LIKE :pathText");
      params.put("pathText", "%" + likeEscape(query.pathText()) + "%");
    }
    AuditCursor cursor = query.cursor();
    if (cursor != null) {
      // The same as (startedAt < at OR (startedAt = at AND id < id)), written so that the first
      // condition is a range the newest-first index can seek to.
      jpql.append(
          " AND r.startedAt <= :cursorAt AND (r.startedAt < :cursorAt OR r.id < :cursorId)");
      params.put("cursorAt", cursor.startedAt());
      params.put("cursorId", cursor.id());
    }
    jpql.append(" ORDER BY ").append(leadingOrder(query)).append("r.startedAt DESC, r.id DESC");
    TypedQuery<AuditRecord> q = em.createQuery(jpql.toString(), AuditRecord.class);
    params.forEach(q::setParameter);
    q.setMaxResults(query.limit() + 1);
    List<AuditRecord> found = new ArrayList<>(q.getResultList());
    AuditCursor next = null;
    if (found.size() > query.limit()) {
      found = found.subList(0, query.limit());
      AuditRecord last = found.get(found.size() - 1);
      next = new AuditCursor(last.getStartedAt(), last.getId());
    }
    return new AuditPage(List.copyOf(found), next);
  }

  /**
   * The columns the query fixes by equality that lead an index, put first in ORDER BY — a no-op for
   * the order, but it lets H2 read the matching {@code (column…, started_at DESC, id DESC)} index
   * in order and stop after one page, where it would otherwise sort every match (PostgreSQL needs
   * no hint). Connection and decision together have an index of their own (V9).
   */
  private static String leadingOrder(AuditQuery query) {
    if (query.caller() != null) {
      return "r.callerSubject, ";
    }
    if (query.connection() != null && query.decision() != null) {
      return "r.connectionName, r.decision, ";
    }
    if (query.connection() != null) {
      return "r.connectionName, ";
    }
    if (query.status() != null) {
      return "r.status, ";
    }
    if (query.decision() != null) {
      return "r.decision, ";
    }
    return "";
  }

  /**
   * The text as a LIKE pattern that matches it literally: {@code %}, {@code _} and the escape
   * character itself are escaped with a backslash, the default LIKE escape of both H2 and
   * PostgreSQL (and the one pg_trgm reads when it takes trigrams from the pattern).
   */
  static String likeEscape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Chained records from sequence number {@code fromSeq} on, in chain order. */
  public List<AuditRecord> chained(long fromSeq, Long toSeq, int limit) {
    return em.createNamedQuery("AuditRecord.findChainedFrom", AuditRecord.class)
        .setParameter("from", fromSeq)
        .setParameter("to", toSeq == null ? Long.MAX_VALUE : toSeq)
        .setMaxResults(limit)
        .getResultList();
  }

  /**
   * Checkpoints of the chain's head with {@code after < seq <= upTo}, oldest first.
   *
   * @throws AuditUnavailable when the store cannot be read
   */
  public List<ChainCheckpoint> checkpoints(long after, long upTo, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return new AuditStore().checkpoints(c, after, upTo, limit);
    } catch (SQLException e) {
      throw new AuditUnavailable("the audit store cannot be read", e);
    }
  }

  /**
   * When the first chained record after {@code seq} started; null when there is none.
   *
   * @throws AuditUnavailable when the store cannot be read
   */
  public Instant startedAfter(long seq) {
    try (Connection c = dataSource.getConnection()) {
      return new AuditStore().startedAfter(c, seq);
    } catch (SQLException e) {
      throw new AuditUnavailable("the audit store cannot be read", e);
    }
  }

  public AuditRecord find(String id) {
    return em.find(AuditRecord.class, id);
  }

  /**
   * Checks the hash chain from {@code from} to {@code to} (either may be null).
   *
   * @throws AuditUnavailable when the store cannot be read
   */
  public ChainVerification verify(Long from, Long to) {
    try (Connection c = dataSource.getConnection()) {
      return new AuditStore(writer.chainKeys()).verify(c, from, to);
    } catch (SQLException e) {
      throw new AuditUnavailable("the audit store cannot be read", e);
    }
  }

  private int transcriptCap() {
    return Math.max(0, Math.min(transcriptMaxBytes, MAX_TRANSCRIPT_BYTES));
  }
}
