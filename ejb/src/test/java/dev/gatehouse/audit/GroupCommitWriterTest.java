package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {

  @Test
  void concurrentWritersAreAllDurableAndChainedWithoutGapsInFewerCommits() throws Exception {
    AuditTestDatabase db = new AuditTestDatabase();
    GroupCommitWriter writer = new GroupCommitWriter(db.dataSource, 256, 10_000, 10_000);
    writer.start(Executors.defaultThreadFactory());
    int threads = 16;
    int perThread = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                  AuditEntry started = AuditTestDatabase.started("/load");
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
    writer.stop();

    ChainVerification result = db.verify(null, null);
    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isEqualTo(threads * perThread);
    assertThat(writer.writes()).isEqualTo(2L * threads * perThread);
    // Each caller waits for its commit, so batches only form when callers overlap: they must here.
    assertThat(writer.batches()).isLessThan(writer.writes());
  }

  @Test
  void queuedCompletionsAreChainedByTheTimeTheWriterStops() throws Exception {
    AuditTestDatabase db = new AuditTestDatabase();
    GroupCommitWriter writer = new GroupCommitWriter(db.dataSource, 256, 10_000, 10_000);
    writer.start(Executors.defaultThreadFactory());
    for (int i = 0; i < 50; i++) {
      AuditEntry started = AuditTestDatabase.started("/later");
      writer.begin(started);
      writer.completeLater(AuditTestDatabase.completed(started));
    }
    writer.stop();

    ChainVerification result = db.verify(null, null);
    assertThat(result.ok()).isTrue();
    assertThat(result.checked()).isEqualTo(50);
    assertThat(writer.writes()).isEqualTo(100L);
  }

  @Test
  void beginFailsWhenTheStoreIsDown() {
    JdbcDataSource down = new JdbcDataSource();
    down.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing-listens-here");
    GroupCommitWriter writer = new GroupCommitWriter(down, 16, 100, 2000);
    writer.start(Executors.defaultThreadFactory());
    try {
      assertThatThrownBy(() -> writer.begin(AuditTestDatabase.started("/x")))
          .isInstanceOf(AuditUnavailable.class)
          .hasCauseInstanceOf(SQLException.class);
    } finally {
      writer.stop();
    }
  }

  @Test
  void writesAreRefusedWhenTheWriterIsNotRunning() {
    GroupCommitWriter writer =
        new GroupCommitWriter(new AuditTestDatabase().dataSource, 16, 100, 2000);

    assertThatThrownBy(() -> writer.begin(AuditTestDatabase.started("/x")))
        .isInstanceOf(AuditUnavailable.class);
  }

  @Test
  void aFailingWriteDoesNotFailItsBatchNeighbours() throws Exception {
    AuditTestDatabase db = new AuditTestDatabase();
    GroupCommitWriter writer = new GroupCommitWriter(db.dataSource, 256, 10_000, 10_000);
    writer.start(Executors.defaultThreadFactory());
    AuditEntry good = AuditTestDatabase.started("/good");
    writer.begin(good);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      boolean bad = i % 2 == 0;
      results.add(
          pool.submit(
              () -> {
                AuditEntry e =
                    bad
                        ? AuditTestDatabase.started("/never-started")
                        : AuditTestDatabase.started("/ok");
                if (!bad) {
                  writer.begin(e);
                }
                try {
                  writer.complete(AuditTestDatabase.completed(e));
                  return true;
                } catch (AuditUnavailable expected) {
                  return false;
                }
              }));
    }
    long succeeded = 0;
    for (Future<Boolean> r : results) {
      succeeded += r.get() ? 1 : 0;
    }
    pool.shutdown();
    writer.stop();

    assertThat(succeeded).isEqualTo(4);
    assertThat(db.verify(null, null).ok()).isTrue();
    assertThat(db.verify(null, null).checked()).isEqualTo(4);
  }
}
