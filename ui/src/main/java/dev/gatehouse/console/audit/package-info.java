/** The audit trail: search, record detail with transcripts, chain checks, export. */
package dev.gatehouse.console.audit;
