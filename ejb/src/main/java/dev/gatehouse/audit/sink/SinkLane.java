package dev.gatehouse.audit.sink;

import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditService;
import dev.gatehouse.audit.ChainCheckpoint;
import dev.gatehouse.audit.SinkConfirmation;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One sink's delivery loop: read the cursor, read the next batch after it, deliver, advance the
 * cursor — only after the sink acknowledged — and repeat until caught up; on failure wait
 * (back-off) and send the same batch again. At most one drain of a lane runs at a time on an
 * instance.
 *
 * <p>Checkpoints of the chain's head follow the same way, with a cursor of their own (row {@code
 * <sink>.checkpoints}), and only up to the records the sink has acknowledged: a receiver always has
 * a checkpoint's record before the checkpoint.
 */
final class SinkLane {

  private static final Logger LOG = Logger.getLogger(SinkLane.class.getName());

  /** Batches per drain, so one drain returns its thread now and then even under heavy load. */
  private static final int MAX_BATCHES_PER_DRAIN = 100;

  /** The suffix of a sink's checkpoint cursor row. */
  static final String CHECKPOINTS = ".checkpoints";

  private final AuditSink sink;
  private final SinkCursors cursors;
  private final Backoff backoff;
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile Instant nextAttemptAt;
  private volatile Instant lastDeliveryAt;
  private volatile String lastError;
  private volatile Instant lastErrorAt;

  SinkLane(AuditSink sink, SinkCursors cursors, Backoff backoff) {
    this.sink = sink;
    this.cursors = cursors;
    this.backoff = backoff;
  }

  AuditSink sink() {
    return sink;
  }

  /** Claims the lane for one drain; false when one is running already. */
  boolean claim() {
    return draining.compareAndSet(false, true);
  }

  /** Delivers until caught up, a failure, or the per-drain bound; releases the claim. */
  void drain(AuditService audit) {
    try {
      if (nextAttemptAt != null && Instant.now().isBefore(nextAttemptAt)) {
        return;
      }
      for (int i = 0; i < MAX_BATCHES_PER_DRAIN; i++) {
        long cursor = cursors.read(sink.name()).lastSeq();
        List<AuditRecord> batch = audit.chained(cursor + 1, null, sink.batchSize());
        if (batch.isEmpty()) {
          break;
        }
        sink.deliver(batch);
        cursors.advance(sink.name(), batch.get(batch.size() - 1).getSeq(), batch.size());
        delivered();
        if (batch.size() < sink.batchSize()) {
          break;
        }
      }
      drainCheckpoints(audit);
    } catch (IOException | SQLException | RuntimeException e) {
      failed(e);
    } finally {
      draining.set(false);
    }
  }

  private void drainCheckpoints(AuditService audit) throws IOException, SQLException {
    for (int i = 0; i < MAX_BATCHES_PER_DRAIN; i++) {
      long records = cursors.read(sink.name()).lastSeq();
      long cursor = cursors.read(sink.name() + CHECKPOINTS).lastSeq();
      List<ChainCheckpoint> batch = audit.checkpoints(cursor, records, sink.batchSize());
      if (batch.isEmpty()) {
        return;
      }
      sink.deliverCheckpoints(batch);
      cursors.advance(sink.name() + CHECKPOINTS, batch.get(batch.size() - 1).seq(), batch.size());
      delivered();
    }
  }

  private void delivered() {
    if (backoff.failures() > 0) {
      LOG.info(() -> "Audit sink " + sink.name() + " delivers again");
    }
    backoff.succeeded();
    nextAttemptAt = null;
    lastDeliveryAt = Instant.now();
    lastError = null;
  }

  private void failed(Exception e) {
    long wait = backoff.failed();
    Instant now = Instant.now();
    nextAttemptAt = now.plusMillis(wait);
    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
    lastErrorAt = now;
    Level level = backoff.failures() == 1 ? Level.WARNING : Level.FINE;
    LOG.log(
        level,
        "Audit sink {0} ({1}) failed: {2}; retrying in {3} ms",
        new Object[] {sink.name(), sink.target(), lastError, wait});
    try {
      cursors.failed(sink.name(), lastError);
    } catch (SQLException | RuntimeException ignored) {
      LOG.log(Level.FINE, "Could not store the sink error", ignored);
    }
  }

  /**
   * How far this sink has confirmed everything: its record cursor, or just before the first
   * checkpoint it has not yet acknowledged when that comes earlier — retention purges checkpoints
   * with their records, so it must not pass one the sink still has to receive.
   */
  SinkConfirmation confirmation(AuditService audit) throws SQLException {
    long records = cursors.read(sink.name()).lastSeq();
    long checkpoints = cursors.read(sink.name() + CHECKPOINTS).lastSeq();
    List<ChainCheckpoint> pending = audit.checkpoints(checkpoints, records, 1);
    long confirmed = pending.isEmpty() ? records : pending.get(0).seq() - 1;
    return new SinkConfirmation(sink.name(), confirmed);
  }

  /**
   * @param retentionCutoff records that started before it are past retention; null: retention off
   */
  SinkStatus status(long headSeq, AuditService audit, Instant retentionCutoff) throws SQLException {
    SinkCursors.Row row = cursors.read(sink.name());
    long checkpointCursor = cursors.read(sink.name() + CHECKPOINTS).lastSeq();
    Instant heldBackSince = null;
    if (retentionCutoff != null) {
      Instant oldestKept = audit.startedAfter(confirmation(audit).confirmedSeq());
      if (oldestKept != null && oldestKept.isBefore(retentionCutoff)) {
        heldBackSince = oldestKept;
      }
    }
    return new SinkStatus(
        sink.name(),
        sink.target(),
        row.lastSeq(),
        headSeq,
        Math.max(0, headSeq - row.lastSeq()),
        row.delivered(),
        lastDeliveryAt,
        lastError != null ? lastError : row.lastError(),
        lastError != null ? lastErrorAt : row.lastErrorAt(),
        backoff.failures(),
        nextAttemptAt,
        checkpointCursor,
        heldBackSince != null,
        heldBackSince);
  }
}
