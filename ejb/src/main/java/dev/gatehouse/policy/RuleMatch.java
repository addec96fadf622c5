package dev.gatehouse.policy;

/**
 * A deny rule that matched, or that could not be evaluated.
 *
 * @param ruleId the rule's id
 * @param ruleName the rule's name
 * @param action the rule's action, or {@code NOT_EVALUATED}
 * @param where what matched, for example {@code path}, {@code header:x-tool}, {@code
 *     body:/messages/*\/content}
 * @param message the rule's message for the caller
 * @param approvalsRequired for REQUIRE_APPROVAL, the reviewers it needs, or {@code null}
 */
public record RuleMatch(
    String ruleId,
    String ruleName,
    String action,
    String where,
    String message,
    Integer approvalsRequired) {}
