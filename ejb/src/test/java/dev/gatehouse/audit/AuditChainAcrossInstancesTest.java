package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several Gatehouse instances share one database, each with its own {@link GroupCommitWriter}: the
 * chain must stay one verifiable chain however their writes interleave (H2 here; PostgreSQL with
 * {@code -Dgatehouse.test.postgres=jdbc:postgresql://127.0.0.1:5432/test?user=postgres}).
 */
class AuditChainAcrossInstancesTest {

  @Test
  void twoInstancesWritingAtOnceKeepOneVerifiableChain() throws Exception {
    AuditTestDatabase db = new AuditTestDatabase();
    GroupCommitWriter a = new GroupCommitWriter(db.dataSource, 256, 10_000, 30_000);
    GroupCommitWriter b = new GroupCommitWriter(db.dataSource, 256, 10_000, 30_000);
    a.start(Executors.defaultThreadFactory());
    b.start(Executors.defaultThreadFactory());
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      GroupCommitWriter writer = t % 2 == 0 ? a : b;
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                  AuditEntry started = AuditTestDatabase.started("/cluster");
                  writer.begin(started);
                  writer.complete(AuditTestDatabase.completed(started));
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    a.stop();
    b.stop();

    ChainVerification result = db.verify(null, null);
    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isEqualTo(threads * perThread);
  }

  /**
   * Checkpoints in a cluster: both instances write, each with a checkpoint every 10 records, yet
   * there is one series — at most one checkpoint per block of 10 of the one chain, each naming the
   * hash the chain really has there, under the shared key — and a timed checkpoint asked for by
   * both is taken once.
   */
  @Test
  void twoInstancesTakeOneSeriesOfCheckpointsOfTheSharedChain() throws Exception {
    AuditTestDatabase db = new AuditTestDatabase();
    ChainKeys keys = ChainKeys.of(ChainKeysTest.key(7));
    GroupCommitWriter a = new GroupCommitWriter(db.dataSource, 8, 10_000, 30_000, "a", keys, 10);
    GroupCommitWriter b = new GroupCommitWriter(db.dataSource, 8, 10_000, 30_000, "b", keys, 10);
    a.start(Executors.defaultThreadFactory());
    b.start(Executors.defaultThreadFactory());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      GroupCommitWriter writer = t % 2 == 0 ? a : b;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 30; i++) {
                  AuditEntry started = AuditTestDatabase.started("/cluster-checkpoints");
                  writer.begin(started);
                  writer.complete(AuditTestDatabase.completed(started));
                  if (i % 10 == 0) {
                    writer.checkpoint(Instant.now().minusSeconds(60));
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    a.stop();
    b.stop();

    assertThat(db.verify(keys, null, null).ok()).isTrue();
    List<ChainCheckpoint> checkpoints;
    try (Connection c = db.dataSource.getConnection()) {
      checkpoints = new AuditStore().checkpoints(c, 0, Long.MAX_VALUE, 1000);
      for (ChainCheckpoint cp : checkpoints) {
        assertThat(cp.recordHash()).isEqualTo(hashAt(c, cp.seq()));
        assertThat(cp.keyId()).isEqualTo(keys.activeId());
      }
    }
    List<ChainCheckpoint> byCount =
        checkpoints.stream().filter(cp -> cp.trigger().equals("records")).toList();
    assertThat(byCount).hasSizeBetween(1, 12);
    assertThat(byCount.stream().map(cp -> cp.seq() / 10).distinct().count())
        .isEqualTo(byCount.size());
    // the timed ones: every call but the first finds a checkpoint younger than a minute
    assertThat(checkpoints.size() - byCount.size()).isLessThanOrEqualTo(1);
    assertThat(checkpoints).extracting(ChainCheckpoint::instance).containsAnyOf("a", "b");
  }

  private static String hashAt(Connection c, long seq) throws Exception {
    try (PreparedStatement s =
        c.prepareStatement("SELECT record_hash FROM audit_record WHERE seq = ?")) {
      s.setLong(1, seq);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  /**
   * A rolling restart: instance b starts while a request is in flight on instance a. b must not
   * mark a's record INTERRUPTED (a's completion would then fail, and with it a's whole batch); a,
   * restarted after a crash, marks its own leftover.
   */
  @Test
  void aStartingInstanceInterruptsOnlyTheRecordsItLeftStartedItself() throws Exception {
    AuditTestDatabase db = new AuditTestDatabase();
    GroupCommitWriter a = new GroupCommitWriter(db.dataSource, 256, 10_000, 30_000, "a");
    a.start(Executors.defaultThreadFactory());
    AuditEntry inFlight = AuditTestDatabase.started("/in-flight-on-a");
    a.begin(inFlight);
    AuditEntry leftByA = AuditTestDatabase.started("/left-by-a");
    a.begin(leftByA);
    Thread.sleep(5);

    GroupCommitWriter b = new GroupCommitWriter(db.dataSource, 256, 10_000, 30_000, "b");
    b.start(Executors.defaultThreadFactory());
    try {
      assertThat(b.interruptStartedBefore(Instant.now())).isZero();
      a.complete(AuditTestDatabase.completed(inFlight));
      a.stop();

      GroupCommitWriter aAgain = new GroupCommitWriter(db.dataSource, 256, 10_000, 30_000, "a");
      aAgain.start(Executors.defaultThreadFactory());
      try {
        assertThat(aAgain.interruptStartedBefore(Instant.now())).isEqualTo(1);
      } finally {
        aAgain.stop();
      }
    } finally {
      b.stop();
    }
    ChainVerification result = db.verify(null, null);
    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isEqualTo(2);
    assertThat(decisionOf(db, leftByA.id())).isEqualTo("INTERRUPTED");
    assertThat(decisionOf(db, inFlight.id())).isNotEqualTo("INTERRUPTED");
  }

  private static String decisionOf(AuditTestDatabase db, String id) throws Exception {
    try (Connection c = db.dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT decision FROM audit_record WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }

  /**
   * Every instance sweeps the admin-event outbox, so two of them may append the same event at the
   * same moment: it must be chained once, and neither instance's write may fail (a failure costs a
   * batch retry and a SEVERE log line on every admin change in a cluster).
   */
  @Test
  void anAdminEventAppendedByTwoInstancesAtOnceIsChainedOnce() throws Exception {
    AuditTestDatabase db = new AuditTestDatabase();
    GroupCommitWriter a = new GroupCommitWriter(db.dataSource, 256, 10_000, 30_000);
    GroupCommitWriter b = new GroupCommitWriter(db.dataSource, 256, 10_000, 30_000);
    a.start(Executors.defaultThreadFactory());
    b.start(Executors.defaultThreadFactory());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> ids = new ArrayList<>();
    try {
      for (int round = 0; round < 20; round++) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime at = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        ids.add(id);
        CountDownLatch go = new CountDownLatch(1);
        Future<Boolean> onA =
            pool.submit(
                () -> {
                  go.await();
                  return a.append(adminEvent(id, at));
                });
        Future<Boolean> onB =
            pool.submit(
                () -> {
                  go.await();
                  return b.append(adminEvent(id, at));
                });
        go.countDown();
        // get() throws if that instance's append failed; exactly one of them wrote the record.
        assertThat(List.of(onA.get(), onB.get())).containsExactlyInAnyOrder(true, false);
      }
    } finally {
      pool.shutdown();
      a.stop();
      b.stop();
    }

    ChainVerification result = db.verify(null, null);
    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isEqualTo(ids.size());
    try (Connection c = db.dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_record")) {
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(ids.size());
      }
    }
  }

  /** The record both instances build from the same outbox row. */
  private static AuditEntry adminEvent(String id, OffsetDateTime occurredAt) {
    return AdminEventChain.entry(
        id, occurredAt, "rita", "APPROVE", "approval", "a-1", null, "{\"state\":\"APPROVED\"}");
  }
}
