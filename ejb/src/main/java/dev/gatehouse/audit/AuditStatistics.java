package dev.gatehouse.audit;

import dev.gatehouse.exchange.Decision;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over the audit trail for the console's overview: per connection, and per time bucket.
 * Grouped in the database, so the cost does not grow with what the page shows.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuditStatistics {

  private static final String MASKED = "%\"action\":\"MASK\"%";

  @PersistenceContext(unitName = "gatehouse")
  private EntityManager em;

  /** Per connection, the requests started at or after {@code since}, by name. */
  public List<TrafficSummary> byConnection(Instant since) {
    Map<String, long[]> counts = new TreeMap<>();
    List<Object[]> rows =
        em.createQuery(
                "SELECT r.connectionName, r.decision, COUNT(r) FROM AuditRecord r"
                    + " WHERE r.startedAt >= :since GROUP BY r.connectionName, r.decision",
                Object[].class)
            .setParameter("since", since)
            .getResultList();
    for (Object[] row : rows) {
      long[] c = counts.computeIfAbsent(name(row[0]), k -> new long[6]);
      long n = ((Number) row[2]).longValue();
      c[0] += n;
      switch ((Decision) row[1]) {
        case BLOCKED -> c[1] += n;
        case REFUSED -> c[2] += n;
        case PENDING -> c[4] += n;
        case ERROR, INTERRUPTED -> c[5] += n;
        default -> {}
      }
    }
    List<Object[]> masked =
        em.createQuery(
                "SELECT r.connectionName, COUNT(r) FROM AuditRecord r WHERE r.startedAt >= :since"
                    + " AND r.ruleHits LIKE :masked GROUP BY r.connectionName",
                Object[].class)
            .setParameter("since", since)
            .setParameter("masked", MASKED)
            .getResultList();
    for (Object[] row : masked) {
      counts.computeIfAbsent(name(row[0]), k -> new long[6])[3] += ((Number) row[1]).longValue();
    }
    List<TrafficSummary> result = new ArrayList<>();
    counts.forEach(
        (name, c) -> result.add(new TrafficSummary(name, c[0], c[1], c[2], c[3], c[4], c[5])));
    return result;
  }

  /** Requests per bucket of {@code width} from {@code since} on, oldest first. */
  public long[] perBucket(Instant since, Duration width, int buckets) {
    long[] counts = new long[buckets];
    for (int i = 0; i < buckets; i++) {
      Instant from = since.plus(width.multipliedBy(i));
      counts[i] =
          em.createQuery(
                  "SELECT COUNT(r) FROM AuditRecord r WHERE r.startedAt >= :from"
                      + " AND r.startedAt < :to",
                  Long.class)
              .setParameter("from", from)
              .setParameter("to", from.plus(width))
              .getSingleResult();
    }
    return counts;
  }

  private static String name(Object connection) {
    return connection == null ? "(none)" : connection.toString();
  }
}
