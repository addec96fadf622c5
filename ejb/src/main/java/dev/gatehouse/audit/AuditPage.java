package dev.gatehouse.audit;

import java.util.List;

/**
 * One page of a search, newest first.
 *
 * @param records the records of the page
 * @param next where the next page starts, or {@code null} on the last page
 */
public record AuditPage(List<AuditRecord> records, AuditCursor next) {}
