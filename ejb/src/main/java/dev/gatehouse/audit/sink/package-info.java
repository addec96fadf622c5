/**
 * Delivery of the chained audit trail to a SIEM: syslog over TLS (RFC 5424 messages, RFC 5425
 * octet-counting framing) and HTTPS push (JSON Lines), each drained in batches by {@link
 * dev.gatehouse.audit.sink.AuditSinkDispatcher} — never on the request path — from a cursor
 * persisted per sink, retried with exponential back-off: at least once, nothing lost across
 * restarts or outages.
 */
package dev.gatehouse.audit.sink;
