package dev.gatehouse.policy;

/**
 * A policy rule was created, changed or deleted; observed after the transaction commits so that the
 * compiled rule cache reloads what is now in the database.
 *
 * @param ruleId the rule's id
 */
public record PolicyRulesChanged(String ruleId) {}
