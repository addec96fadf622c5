package dev.gatehouse.audit;

/**
 * How far one configured audit sink has confirmed the trail: every record and every checkpoint at
 * or before {@code confirmedSeq} has been acknowledged by it, so retention may purge them.
 *
 * @param sink the sink's name ({@code syslog} or {@code https})
 * @param confirmedSeq the chain sequence number up to which it has confirmed everything
 */
public record SinkConfirmation(String sink, long confirmedSeq) {}
