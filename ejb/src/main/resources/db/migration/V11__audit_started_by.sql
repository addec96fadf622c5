-- Which server instance wrote a record's write-ahead row, so that an instance marks as INTERRUPTED
-- at its start only the records it left STARTED itself, never those in flight on another instance
-- of a cluster. NULL for rows from before this migration (and for admin events, never STARTED).
-- Not part of the chained fields: the hash of a record does not cover it.
ALTER TABLE audit_record ADD COLUMN started_by VARCHAR(255);
