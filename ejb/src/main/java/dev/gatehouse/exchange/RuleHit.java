package dev.gatehouse.exchange;

/**
 * A policy rule that matched an exchange: recorded in the audit trail whatever the rule's action.
 *
 * @param ruleId the rule's id
 * @param action what the rule did, for example {@code BLOCK}, {@code WARN}, {@code MASK}
 * @param where where it matched, for example {@code path}, {@code header:x-tool}, {@code
 *     body:/messages/0/content}, {@code response}
 */
public record RuleHit(String ruleId, String action, String where) {}
