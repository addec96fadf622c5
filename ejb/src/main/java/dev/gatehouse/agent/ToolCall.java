package dev.gatehouse.agent;

/**
 * One call of a tool, as the audit trail names it: the tool and the SHA-256 (hex) of its canonical
 * arguments ({@link CanonicalJson}), so that the exact call can be matched later without keeping
 * the arguments themselves anywhere but in the masked transcript.
 *
 * @param name the tool's name
 * @param argumentsSha256 hex SHA-256 of the canonical arguments ({@code {}} when there are none)
 */
public record ToolCall(String name, String argumentsSha256) {}
