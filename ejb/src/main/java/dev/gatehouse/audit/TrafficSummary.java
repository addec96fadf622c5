package dev.gatehouse.audit;

/**
 * What one connection saw in a time window, counted from the audit trail.
 *
 * @param connection the connection name ({@code (none)} for requests that named none)
 * @param total every request
 * @param blocked refused by a policy rule
 * @param refused refused before forwarding (identity, access, bad input)
 * @param masked responses in which a masking detector fired
 * @param pending held for a reviewer
 * @param errors backend failures, timeouts and interrupted requests
 */
public record TrafficSummary(
    String connection,
    long total,
    long blocked,
    long refused,
    long masked,
    long pending,
    long errors) {}
