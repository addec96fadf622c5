-- Gatehouse schema, version 10, PostgreSQL only (H2 has no trigram index; see SchemaMigration):
-- trigram indexes for the audit search's substring filters, path (?path=) and rule hits (?rule=).
--
-- Both filters are LIKE '%text%'. A B-tree cannot serve that, so without these a rare text made the
-- search read the newest-first index back through the whole trail (5 s over a million records).
-- A GIN index over trigrams (pg_trgm) finds the records containing every trigram of the text and
-- rechecks them; it serves LIKE and ILIKE on the plain column, exactly as AuditService.search
-- writes them (r.path LIKE ?, r.ruleHits LIKE ?), so the query needs no lower() or other change.
-- fastupdate off: each insert updates the index at once, a steady cost on the audit writer instead
-- of an occasional flush of a pending list inside one group commit (and no pending list to scan).
--
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension since PostgreSQL 13: a user
-- with CREATE on the database may install it. Where the application's user may not, a DBA runs
-- CREATE EXTENSION pg_trgm in the database once beforehand; the statement below then does nothing.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The operator class is qualified with the extension's schema, which need not be on the search
-- path (another schema may have installed it first, or a DBA put it in a schema of its own).
DO $$
DECLARE
    trgm_schema name;
BEGIN
    SELECT n.nspname INTO trgm_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX ix_audit_record_path_trgm ON audit_record'
                   ' USING gin (path %I.gin_trgm_ops) WITH (fastupdate = off)', trgm_schema);
    EXECUTE format('CREATE INDEX ix_audit_record_rule_hits_trgm ON audit_record'
                   ' USING gin (rule_hits %I.gin_trgm_ops) WITH (fastupdate = off)', trgm_schema);
END
$$;
