/**
 * Every refusal as an RFC 9457 problem document ({@code application/problem+json}) with a
 * machine-readable {@code reason} and, where the request was recorded, its {@code auditId}.
 */
package dev.gatehouse.api.problem;
