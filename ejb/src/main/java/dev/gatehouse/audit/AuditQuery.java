package dev.gatehouse.audit;

import dev.gatehouse.exchange.Decision;
import java.time.Instant;

/**
 * A search of the audit trail; every filter is optional ({@code null}).
 *
 * @param from records started at or after
 * @param to records started before
 * @param caller the caller's subject, exactly
 * @param connection the connection name, exactly
 * @param decision the decision, exactly (for example {@code BLOCKED})
 * @param status the HTTP status
 * @param rule the id of a rule that matched
 * @param pathText text the path contains
 * @param cursor where the previous page ended
 * @param limit the page size
 */
public record AuditQuery(
    Instant from,
    Instant to,
    String caller,
    String connection,
    Decision decision,
    Integer status,
    String rule,
    String pathText,
    String tool,
    AuditCursor cursor,
    int limit) {}
