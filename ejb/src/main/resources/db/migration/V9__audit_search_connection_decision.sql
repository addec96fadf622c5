-- Gatehouse schema, version 9: a search index for connection and decision together.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

-- "What did this connection block?" With only the connection's index a search reads that
-- connection's records newest first until it has a page of the wanted decision (a few percent of
-- them): 113 ms p95 over a million records. This index answers it in one page's worth of entries;
-- AuditService.search orders by both columns first so that H2 reads it in order too.
CREATE INDEX ix_audit_record_connection_decision_newest
    ON audit_record (connection_name, decision, started_at DESC, id DESC);
