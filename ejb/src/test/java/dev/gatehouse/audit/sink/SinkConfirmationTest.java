package dev.gatehouse.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditService;
import dev.gatehouse.audit.ChainCheckpoint;
import dev.gatehouse.audit.SinkConfirmation;
import dev.gatehouse.platform.SchemaMigration;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the sinks tell retention (their confirmed positions) and what their status shows when they
 * hold it back, over real cursor rows in H2 and a trail of which only the start times and the
 * checkpoints matter.
 */
class SinkConfirmationTest {

  private static final Instant NOW = Instant.now();
  private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));

  private SinkCursors cursors;

  /** Start time per chain sequence number. */
  private final TreeMap<Long, Instant> trail = new TreeMap<>();

  private final TreeMap<Long, ChainCheckpoint> checkpoints = new TreeMap<>();

  private final AuditService audit =
      new AuditService() {
        @Override
        public List<ChainCheckpoint> checkpoints(long after, long upTo, int limit) {
          return checkpoints.subMap(after, false, upTo, true).values().stream()
              .limit(limit)
              .toList();
        }

        @Override
        public Instant startedAfter(long seq) {
          var next = trail.higherEntry(seq);
          return next == null ? null : next.getValue();
        }
      };

  @BeforeEach
  void migrate() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:sink_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    SchemaMigration.configure(getClass().getClassLoader(), h2).load().migrate();
    cursors = new SinkCursors(h2);
    for (long seq = 1; seq <= 10; seq++) {
      trail.put(seq, NOW.minus(Duration.ofDays(50 - seq))); // 1..10: 49 to 40 days old
    }
  }

  private SinkLane lane(String name) {
    return new SinkLane(new NamedSink(name), cursors, new Backoff(1000, 60000));
  }

  private void confirm(String sink, long records, long checkpointsUpTo) throws SQLException {
    cursors.read(sink);
    cursors.advance(sink, records, (int) records);
    if (checkpointsUpTo > 0) {
      cursors.read(sink + SinkLane.CHECKPOINTS);
      cursors.advance(sink + SinkLane.CHECKPOINTS, checkpointsUpTo, 1);
    }
  }

  private void checkpointAt(long seq) {
    checkpoints.put(seq, new ChainCheckpoint(seq, "h" + seq, null, NOW, "test", "records"));
  }

  @Test
  void aSinkWithEveryCheckpointDeliveredHasConfirmedUpToItsRecordCursor() throws Exception {
    checkpointAt(4);
    confirm("https", 7, 4);

    assertThat(lane("https").confirmation(audit)).isEqualTo(new SinkConfirmation("https", 7));
  }

  /**
   * Catches a bound on the record cursor alone: the purge deletes checkpoints with their records,
   * so checkpoint 5, not yet sent, would be lost to the SIEM.
   */
  @Test
  void aCheckpointNotYetDeliveredHoldsTheConfirmationJustBeforeIt() throws Exception {
    checkpointAt(2);
    checkpointAt(5);
    confirm("https", 7, 2);

    assertThat(lane("https").confirmation(audit).confirmedSeq()).isEqualTo(4);
  }

  @Test
  void aNewSinkHasConfirmedNothing() throws Exception {
    assertThat(lane("syslog").confirmation(audit).confirmedSeq()).isZero();
  }

  /** Catches confirmations read from every cursor row rather than from the configured sinks. */
  @Test
  void onlyConfiguredSinksAreAskedNotTheRowsOfRemovedOnes() throws Exception {
    confirm("syslog", 1, 0); // a sink configured once, then removed: its row stays behind
    confirm("https", 9, 0);
    AuditSinkDispatcher dispatcher = new AuditSinkDispatcher();
    dispatcher.cursors = cursors;
    dispatcher.audit = audit;
    dispatcher.lanes.add(lane("https"));

    assertThat(dispatcher.confirmations()).containsExactly(new SinkConfirmation("https", 9));
  }

  @Test
  void withoutSinksThereIsNothingToWaitFor() {
    AuditSinkDispatcher dispatcher = new AuditSinkDispatcher();
    dispatcher.cursors = cursors;
    dispatcher.audit = audit;

    assertThat(dispatcher.confirmations()).isEmpty();
  }

  @Test
  void theStatusSaysWhenASinkHoldsRecordsPastRetention() throws Exception {
    confirm("https", 3, 0);

    SinkStatus status = lane("https").status(10, audit, CUTOFF);

    assertThat(status.retentionHeldBack()).isTrue();
    assertThat(status.heldBackSince()).isEqualTo(trail.get(4L));
    assertThat(status.cursor()).isEqualTo(3);
    assertThat(status.lag()).isEqualTo(7);
  }

  @Test
  void theStatusHoldsNothingBackWhenTheSinkIsCaughtUpOrRetentionIsOff() throws Exception {
    confirm("https", 10, 0);
    confirm("syslog", 3, 0);

    assertThat(lane("https").status(10, audit, CUTOFF).retentionHeldBack()).isFalse();
    SinkStatus retentionOff = lane("syslog").status(10, audit, null);
    assertThat(retentionOff.retentionHeldBack()).isFalse();
    assertThat(retentionOff.heldBackSince()).isNull();
  }

  @Test
  void recordsNotYetPastRetentionAreNotHeldBack() throws Exception {
    confirm("https", 3, 0);

    SinkStatus status = lane("https").status(10, audit, NOW.minus(Duration.ofDays(60)));

    assertThat(status.retentionHeldBack()).isFalse();
  }

  private record NamedSink(String name) implements AuditSink {

    @Override
    public String target() {
      return "test";
    }

    @Override
    public int batchSize() {
      return 10;
    }

    @Override
    public void deliver(List<AuditRecord> records) {}

    @Override
    public void deliverCheckpoints(List<ChainCheckpoint> checkpoints) {}

    @Override
    public void close() {}
  }
}
