package dev.gatehouse.audit.sink;

import java.time.Instant;

/**
 * How far a sink is: its persisted cursor against the chain's head.
 *
 * @param name {@code syslog} or {@code https}
 * @param target host:port or URL
 * @param cursor the last sequence number the sink acknowledged
 * @param headSeq the chain's last sequence number
 * @param lag records not yet acknowledged ({@code headSeq - cursor})
 * @param delivered records acknowledged since the cursor was created (duplicates included)
 * @param lastDeliveryAt when this instance last delivered a batch (null: not since it started)
 * @param lastError the last failure, cleared by the next delivery
 * @param lastErrorAt when it happened
 * @param consecutiveFailures failures since the last delivery, on this instance
 * @param nextAttemptAt when this instance tries again after a failure (null: at the next poll)
 * @param checkpointCursor the chain position of the last checkpoint the sink acknowledged
 * @param retentionHeldBack records past {@code gatehouse.audit.retention-days} are kept because
 *     this sink has not confirmed them yet (export before purge)
 * @param heldBackSince when the oldest record kept for this sink past retention started (null:
 *     none)
 */
public record SinkStatus(
    String name,
    String target,
    long cursor,
    long headSeq,
    long lag,
    long delivered,
    Instant lastDeliveryAt,
    String lastError,
    Instant lastErrorAt,
    int consecutiveFailures,
    Instant nextAttemptAt,
    long checkpointCursor,
    boolean retentionHeldBack,
    Instant heldBackSince) {}
