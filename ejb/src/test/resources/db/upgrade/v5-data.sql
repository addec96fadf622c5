-- Data of a Gatehouse database at schema version 5, as the version-5 code left it: two
-- connections (one with a sealed secret and an allowed group, one requiring approval), a policy
-- rule, an admin event, a pending approval, and the audit trail — six completed records chained by
-- the version-5 writer (their hashes are the ones it computed) and one record still STARTED, as a
-- crash leaves it. Written once and frozen: the upgrade test checks that later migrations and code
-- keep exactly this data readable and this chain verifiable. Portable SQL (H2 2.x, PostgreSQL);
-- one statement per ';' at a line end.

INSERT INTO backend_connection (id, name, base_url, credential_kind, secret_ciphertext, secret_key_id,
    trusted_ca_pem, connect_timeout_ms, read_timeout_ms, max_request_bytes, created_at, updated_at,
    version, pin_sha256, min_tls_version, max_response_bytes, approval_required)
VALUES ('0b6f1c44-5d2e-4f7a-9a51-3c8d2e6f7a10', 'billing-agent', 'https://billing.internal:9443',
    'BEARER', 'djE6c2VhbGVkLWJ5LXY1LWtleQ', 'k1',
    '-----BEGIN CERTIFICATE-----' || CHR(10) || 'MIIBfixture' || CHR(10) || '-----END CERTIFICATE-----',
    2000, 30000, 10485760, TIMESTAMP WITH TIME ZONE '2026-11-20 09:00:00+00:00',
    TIMESTAMP WITH TIME ZONE '2026-11-21 10:30:00.123456+00:00', 3,
    '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'TLSv1.3', 1048576, FALSE);
INSERT INTO backend_connection_group (connection_id, group_name)
VALUES ('0b6f1c44-5d2e-4f7a-9a51-3c8d2e6f7a10', 'billing');
INSERT INTO backend_connection (id, name, base_url, credential_kind, connect_timeout_ms,
    read_timeout_ms, max_request_bytes, created_at, updated_at, version, min_tls_version,
    max_response_bytes, approval_required, approval_pending_ttl_s)
VALUES ('7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f', 'ops-agent', 'https://ops.internal', 'NONE', 1000,
    5000, 4096, TIMESTAMP WITH TIME ZONE '2026-11-22 08:00:00+00:00',
    TIMESTAMP WITH TIME ZONE '2026-11-22 08:00:00+00:00', 0, 'TLSv1.2', 104857600, TRUE, 120);
INSERT INTO policy_rule (id, name, connection_name, target, pattern, match_kind, case_insensitive,
    rule_action, message, enabled, created_at, updated_at, version)
VALUES ('a1b2c3d4-0000-4000-8000-000000000001', 'no-drop-table', NULL, 'BODY', 'drop\s+table',
    'REGEX', TRUE, 'BLOCK', 'Destructive SQL', TRUE, TIMESTAMP WITH TIME ZONE '2026-11-23 12:00:00+00:00',
    TIMESTAMP WITH TIME ZONE '2026-11-23 12:00:00+00:00', 0);
INSERT INTO admin_event (id, occurred_at, actor, action, target_kind, target_name, before_json, after_json)
VALUES ('e0000000-0000-4000-8000-000000000001', TIMESTAMP WITH TIME ZONE '2026-11-20 09:00:00+00:00',
    'ada', 'CREATE', 'connection', 'billing-agent', NULL, '{"name":"billing-agent"}');
INSERT INTO approval (id, state, requester_subject, connection_name, method, path, query_sha256,
    body_sha256, body_bytes, held_reason, sealed_key_id, sealed_request, approved_ttl_s, created_at,
    expires_at, held_audit_id, version)
VALUES ('c0ffee00-0000-4000-8000-000000000001', 'PENDING', 'alice', 'ops-agent', 'DELETE',
    '/v1/jobs/7', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 0, 'connection_requires_approval',
    'k1', 'djE6aGVsZC1yZXF1ZXN0', 600, TIMESTAMP WITH TIME ZONE '2026-11-24 10:00:00+00:00',
    TIMESTAMP WITH TIME ZONE '2026-11-24 10:15:00+00:00', '23ba52e3-a790-456d-a93d-7487e1c46ce9', 0);

-- The audit trail, dumped from the version-5 writer's output.
INSERT INTO audit_record (id, started_at, ended_at, caller_subject, connection_name, method, path, inbound_tls_protocol, decision, status_code, bytes_out, seq, prev_hash, record_hash, request_transcript, transcript_truncated)
VALUES ('23ba52e3-a790-456d-a93d-7487e1c46ce9', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:20.220196+00:00', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:20.534891+00:00', 'bob', 'demo', 'POST', '/v1/chat/completions/0', 'TLSv1.3', 'ALLOWED', 200, 42, 1, '0000000000000000000000000000000000000000000000000000000000000000', 'b6bd04c1a2d34b4b2d7e4450a81b4a6eae775254f2ce0c2343eb07e305f75de7', 'POST /gw/demo/x' || CHR(10) || 'authorization: [REDACTED]' || CHR(10) || '' || CHR(10) || '{}', FALSE);
INSERT INTO audit_record (id, started_at, ended_at, caller_subject, connection_name, method, path, inbound_tls_protocol, decision, status_code, bytes_out, seq, prev_hash, record_hash, request_transcript, transcript_truncated)
VALUES ('1015d3ef-95d6-4d7e-a924-395118c16b54', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:20.921332+00:00', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:20.930213+00:00', 'bob', 'demo', 'POST', '/v1/chat/completions/1', 'TLSv1.3', 'ALLOWED', 200, 42, 2, 'b6bd04c1a2d34b4b2d7e4450a81b4a6eae775254f2ce0c2343eb07e305f75de7', '2a347779a160966e444b4108bce77563023f66670465d22618a56b07c35bee55', 'POST /gw/demo/x' || CHR(10) || 'authorization: [REDACTED]' || CHR(10) || '' || CHR(10) || '{}', FALSE);
INSERT INTO audit_record (id, started_at, ended_at, caller_subject, connection_name, method, path, inbound_tls_protocol, decision, reason, status_code, bytes_out, seq, prev_hash, record_hash, request_transcript, transcript_truncated)
VALUES ('5803aeea-3a74-4906-b7c2-4f085f1e197e', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:21.095006+00:00', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:21.201888+00:00', 'bob', 'demo', 'POST', '/v1/chat/completions/2', 'TLSv1.3', 'REFUSED', 'connection_not_allowed', 403, 42, 3, '2a347779a160966e444b4108bce77563023f66670465d22618a56b07c35bee55', '8d72e71db82101b2175feaa55327ddf68a027d1342148f06e311e34223ca1237', 'POST /gw/demo/x' || CHR(10) || 'authorization: [REDACTED]' || CHR(10) || '' || CHR(10) || '{}', FALSE);
INSERT INTO audit_record (id, started_at, ended_at, caller_subject, connection_name, method, path, inbound_tls_protocol, decision, status_code, bytes_out, seq, prev_hash, record_hash, request_transcript, transcript_truncated)
VALUES ('5e49ba08-0b5e-4b5e-a650-c0c57ccbd43e', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:21.490889+00:00', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:21.549922+00:00', 'bob', 'demo', 'POST', '/v1/chat/completions/3', 'TLSv1.3', 'ALLOWED', 200, 42, 4, '8d72e71db82101b2175feaa55327ddf68a027d1342148f06e311e34223ca1237', '78c9c383345e4d2d96bff0c0efac93c337bf1ed3125ce537fbfe9bb9ed7d17ad', 'POST /gw/demo/x' || CHR(10) || 'authorization: [REDACTED]' || CHR(10) || '' || CHR(10) || '{}', FALSE);
INSERT INTO audit_record (id, started_at, ended_at, caller_subject, connection_name, method, path, inbound_tls_protocol, decision, status_code, bytes_out, seq, prev_hash, record_hash, rule_hits, request_transcript, transcript_truncated)
VALUES ('905590ce-4c0b-4395-b5bb-ad9fdb48aa3f', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:21.689697+00:00', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:21.749296+00:00', 'bob', 'demo', 'POST', '/v1/chat/completions/4', 'TLSv1.3', 'BLOCKED', 403, 42, 5, '78c9c383345e4d2d96bff0c0efac93c337bf1ed3125ce537fbfe9bb9ed7d17ad', 'b0ad9aed5fb5914b83dc56246751c52c18f8543c5e06fb36008ea6c539a143d8', '[{"rule":"no-drop","action":"BLOCK"}]', 'POST /gw/demo/x' || CHR(10) || 'authorization: [REDACTED]' || CHR(10) || '' || CHR(10) || '{}', FALSE);
INSERT INTO audit_record (id, started_at, ended_at, caller_subject, connection_name, method, path, inbound_tls_protocol, decision, status_code, bytes_out, seq, prev_hash, record_hash, request_transcript, transcript_truncated)
VALUES ('3d9a31cc-8ca8-495f-8fa9-d6a39e2ac76c', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:21.819780+00:00', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:21.832348+00:00', 'bob', 'demo', 'POST', '/v1/chat/completions/5', 'TLSv1.3', 'ALLOWED', 200, 42, 6, 'b0ad9aed5fb5914b83dc56246751c52c18f8543c5e06fb36008ea6c539a143d8', 'a7b06440907343e48c9daa1c26810e4fad6a8331063b2b4c1016982182e99605', 'POST /gw/demo/x' || CHR(10) || 'authorization: [REDACTED]' || CHR(10) || '' || CHR(10) || '{}', FALSE);
INSERT INTO audit_record (id, started_at, caller_subject, connection_name, method, path, inbound_tls_protocol, decision)
VALUES ('385c41cd-3d5c-46e5-a867-0d5fe80b0334', TIMESTAMP WITH TIME ZONE '2026-11-26 01:56:21.955040+00:00', 'bob', 'demo', 'POST', '/v1/tools/calculator', 'TLSv1.3', 'STARTED');
DELETE FROM audit_chain_head;
INSERT INTO audit_chain_head (id, last_seq, last_hash, first_seq, first_prev_hash)
VALUES (1, 6, 'a7b06440907343e48c9daa1c26810e4fad6a8331063b2b4c1016982182e99605', 1, '0000000000000000000000000000000000000000000000000000000000000000');
