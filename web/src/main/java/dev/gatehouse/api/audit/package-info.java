/** The audit trail as JSON for auditors and SIEM collectors: {@code /api/v1/audit}. */
package dev.gatehouse.api.audit;
