package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention job against a real chain in H2 and sinks whose confirmed positions the test sets:
 * export before purge — nothing a configured sink has not confirmed is deleted, whatever its age —
 * and the kept chain still verifies from its new first record.
 */
class AuditRetentionJobTest {

  private final AuditTestDatabase db = new AuditTestDatabase();
  private final Map<String, Long> sinkCursors = new LinkedHashMap<>();
  private final List<LogRecord> warnings = new ArrayList<>();
  private final Logger jobLog = Logger.getLogger(AuditRetentionJob.class.getName());
  private final Handler warningsHandler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private GroupCommitWriter chain;
  private AuditRetentionJob job;
  private boolean cursorsUnreadable;

  @BeforeEach
  void start() {
    chain = new GroupCommitWriter(db.dataSource, 64, 1000, 5000);
    chain.start(Executors.defaultThreadFactory());
    job = new AuditRetentionJob();
    job.writer =
        new AuditWriter() {
          @Override
          public int purgeBefore(Instant cutoff, long throughSeq, int limit) {
            return chain.purgeBefore(cutoff, throughSeq, limit);
          }
        };
    job.audit =
        new AuditService() {
          @Override
          public Instant startedAfter(long seq) {
            try (Connection c = db.dataSource.getConnection()) {
              return new AuditStore().startedAfter(c, seq);
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        };
    job.sinks =
        () -> {
          if (cursorsUnreadable) {
            throw new IllegalStateException("database down");
          }
          return sinkCursors.entrySet().stream()
              .map(e -> new SinkConfirmation(e.getKey(), e.getValue()))
              .toList();
        };
    job.retentionDays = 30;
    job.purgeBatch = 2; // several batches per run: the job's loop is part of what is tested
    jobLog.addHandler(warningsHandler);
  }

  @AfterEach
  void stop() {
    jobLog.removeHandler(warningsHandler);
    chain.stop();
  }

  /** Six records past retention (seq 1..6) and two within it (7, 8); returns the cutoff. */
  private Instant sixOldAndTwoNew() throws InterruptedException {
    write(6);
    Thread.sleep(20);
    Instant cutoff = Instant.now();
    Thread.sleep(20);
    write(2);
    return cutoff;
  }

  private void write(int count) {
    for (int i = 0; i < count; i++) {
      AuditEntry started = AuditTestDatabase.started("/v1/items/" + i);
      chain.begin(started);
      chain.complete(AuditTestDatabase.completed(started));
    }
  }

  private void assertKeptFrom(long firstSeq) throws Exception {
    ChainVerification result = db.verify(null, null);
    assertThat(result.ok()).as(result.problem()).isTrue();
    assertThat(result.from()).isEqualTo(firstSeq);
    assertThat(result.to()).isEqualTo(8);
    assertThat(result.checked()).isEqualTo(8 - firstSeq + 1);
  }

  @Test
  void withoutSinksEverythingPastRetentionIsPurgedAndTheRestVerifies() throws Exception {
    Instant cutoff = sixOldAndTwoNew();

    job.purgeBefore(cutoff);

    assertKeptFrom(7);
    assertThat(warnings).isEmpty();
  }

  /** Catches a purge that looks at age only: seq 4..6 are old but the SIEM never got them. */
  @Test
  void aLaggingSinkKeepsOldRecordsAfterItsCursorAndSaysSo() throws Exception {
    Instant cutoff = sixOldAndTwoNew();
    sinkCursors.put("https", 3L);

    job.purgeBefore(cutoff);

    assertKeptFrom(4);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage())
        .contains("held back")
        .contains("https (confirmed through seq 3");
  }

  /** Catches a bound that sticks: once the sink confirms, the next run must catch up. */
  @Test
  void onceTheSinkConfirmsTheNextRunPurgesWhatItHeld() throws Exception {
    Instant cutoff = sixOldAndTwoNew();
    sinkCursors.put("https", 3L);
    job.purgeBefore(cutoff);

    sinkCursors.put("https", 8L);
    warnings.clear();
    job.purgeBefore(cutoff);

    assertKeptFrom(7);
    assertThat(warnings).isEmpty();
  }

  /** Catches a bound taken from the first or the highest sink rather than the lowest. */
  @Test
  void withTwoSinksTheLowerCursorBoundsThePurge() throws Exception {
    Instant cutoff = sixOldAndTwoNew();
    sinkCursors.put("syslog", 8L);
    sinkCursors.put("https", 2L);

    job.purgeBefore(cutoff);

    assertKeptFrom(3);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage()).contains("https").doesNotContain("syslog");
  }

  /**
   * A sink taken out of the configuration is no longer asked (the dispatcher lists configured sinks
   * only, see SinkConfirmationTest): its old position must not hold records forever.
   */
  @Test
  void aSinkRemovedFromTheConfigurationNoLongerHoldsRecords() throws Exception {
    Instant cutoff = sixOldAndTwoNew();
    sinkCursors.put("syslog", 8L);
    sinkCursors.put("https", 1L);
    job.purgeBefore(cutoff);
    assertKeptFrom(2);

    sinkCursors.remove("https");
    job.purgeBefore(cutoff);

    assertKeptFrom(7);
  }

  /** Catches a fallback to an unbounded purge when the cursors cannot be read. */
  @Test
  void whenTheSinkCursorsCannotBeReadNothingIsPurged() throws Exception {
    Instant cutoff = sixOldAndTwoNew();
    sinkCursors.put("https", 8L);
    cursorsUnreadable = true;

    job.purgeBefore(cutoff);

    assertKeptFrom(1);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage()).contains("skipped");
  }

  @Test
  void aSinkThatIsCaughtUpHoldsNothingBack() throws Exception {
    Instant cutoff = sixOldAndTwoNew();
    sinkCursors.put("https", 8L);

    job.purgeBefore(cutoff);

    assertKeptFrom(7);
    assertThat(warnings).isEmpty();
  }

  @Test
  void retentionDaysZeroKeepsEverything() throws Exception {
    write(3);
    job.retentionDays = 0;

    job.purge();

    ChainVerification result = db.verify(null, null);
    assertThat(result.from()).isEqualTo(1);
    assertThat(result.checked()).isEqualTo(3);
  }

  /** The scheduled entry point computes the cutoff from retention-days: recent records stay. */
  @Test
  void theScheduledRunKeepsRecordsWithinRetention() throws Exception {
    write(3);

    job.purge();

    ChainVerification result = db.verify(null, null);
    assertThat(result.from()).isEqualTo(1);
    assertThat(result.checked()).isEqualTo(3);
  }
}
