-- Gatehouse schema, version 14: an approval is bound to the held request's end-to-end headers too.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
--
-- SHA-256 (hex) of the headers that reach the backend from the caller, in canonical form
-- (ForwardedHeaders.canonicalTowardsBackend). A resend is released only if its digest is the same.
-- Approvals held before this version have none (NULL) and match no resend: hold the request again.
ALTER TABLE approval ADD headers_sha256 VARCHAR(64);
