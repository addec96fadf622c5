package dev.gatehouse.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The audit trail's only writer: callers enqueue a write and wait; one thread takes whatever has
 * queued up, writes it in one transaction and then releases every caller of that batch. So the
 * commit (the fsync) is paid once per batch, and chaining — which needs a single order — happens in
 * one place, in the order records complete.
 *
 * <p>Guarantees: a call returns normally only after its batch has committed; if the batch fails it
 * is retried write by write so one bad write cannot fail its neighbours, and a write that still
 * fails, a full queue or a commit slower than the timeout throws {@link AuditUnavailable}. A
 * timed-out {@code begin} may still commit later: the record then stays {@code STARTED} and is
 * shown as {@code INTERRUPTED} after the next start — never the reverse (a forwarded request
 * without record).
 *
 * <p>Records are sealed under the active chain key when one is configured ({@link ChainKeys}).
 * Checkpoints of the head are taken in the same transaction as the records they name, under the
 * head's lock: every {@code checkpointEvery} records by whichever instance crosses the boundary,
 * and on request ({@link #checkpoint}) when none is younger than the interval — so a cluster shares
 * one series of checkpoints of its one chain, never one per instance.
 */
final class GroupCommitWriter {

  private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());

  private enum Kind {
    BEGIN,
    COMPLETE,
    APPEND,
    INTERRUPT,
    PURGE,
    CHECKPOINT,
    KEY_CHANGE
  }

  private record Pending(
      Kind kind,
      AuditEntry entry,
      Instant before,
      int limit,
      long throughSeq,
      CompletableFuture<Integer> done) {}

  private final DataSource dataSource;
  private final String instance;
  private final AuditStore store;
  private final String activeKeyId;
  private final long checkpointEvery;
  private final int maxBatch;
  private final long timeoutMillis;
  private final BlockingQueue<Pending> queue;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private volatile boolean running;
  private Thread thread;

  GroupCommitWriter(DataSource dataSource, int maxBatch, int queueCapacity, long timeoutMillis) {
    this(dataSource, maxBatch, queueCapacity, timeoutMillis, instanceName());
  }

  /**
   * @param instance names this server instance on the write-ahead rows it writes, so that at its
   *     next start it marks only its own leftovers INTERRUPTED
   */
  GroupCommitWriter(
      DataSource dataSource, int maxBatch, int queueCapacity, long timeoutMillis, String instance) {
    this(dataSource, maxBatch, queueCapacity, timeoutMillis, instance, ChainKeys.none(), 0);
  }

  /**
   * @param keys the chain keys: new records are sealed under the active one (none: unkeyed, v1)
   * @param checkpointEvery a checkpoint every that many chained records; 0 for none
   */
  GroupCommitWriter(
      DataSource dataSource,
      int maxBatch,
      int queueCapacity,
      long timeoutMillis,
      String instance,
      ChainKeys keys,
      long checkpointEvery) {
    this.store = new AuditStore(keys);
    this.activeKeyId = keys.activeId();
    this.checkpointEvery = Math.max(0, checkpointEvery);
    this.instance = instance;
    this.dataSource = dataSource;
    this.maxBatch = Math.max(1, maxBatch);
    this.timeoutMillis = timeoutMillis;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, queueCapacity));
  }

  /**
   * This server instance's name: Payara's instance name (the DAS is {@code server}; a cluster's
   * instances have their own), stable across restarts of that instance.
   */
  static String instanceName() {
    return System.getProperty("com.sun.aas.instanceName", "server");
  }

  synchronized void start(ThreadFactory threads) {
    if (running) {
      return;
    }
    running = true;
    thread = threads.newThread(this::run);
    thread.setName("gatehouse-audit-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Stops after writing what is queued. The writer is not interrupted: it notices within one poll
   * (200 ms). An interrupt that lands in a commit closes the database file's NIO channel, and H2
   * then closes the whole database for every other user of the domain (ClosedByInterruptException,
   * seen once in CI when an undeployment stopped the writer mid-commit).
   */
  synchronized void stop() {
    running = false;
    if (thread != null) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  /** Makes a started (unchained) record durable. */
  void begin(AuditEntry entry) {
    await(submit(Kind.BEGIN, entry, null, 0));
  }

  /** Completes a started record, chaining it. */
  void complete(AuditEntry entry) {
    await(submit(Kind.COMPLETE, entry, null, 0));
  }

  /**
   * Queues the completion of a started record for the next batch and returns at once; a failed
   * write is logged by the writer thread and leaves the record {@code STARTED}.
   *
   * @throws AuditUnavailable when the queue is full or the writer is not running
   */
  void completeLater(AuditEntry entry) {
    submit(Kind.COMPLETE, entry, null, 0);
  }

  /**
   * Writes a record that is complete from the start (an admin event), chaining it — unless a record
   * with its id is in the trail already (appended by another instance); returns whether this call
   * wrote it.
   */
  boolean append(AuditEntry entry) {
    return await(submit(Kind.APPEND, entry, null, 0)) == 1;
  }

  /**
   * Chains every record this instance left {@code STARTED} before the instant as INTERRUPTED (and
   * those of unknown instance, written before V11); another instance's are in flight there.
   */
  int interruptStartedBefore(Instant before) {
    return await(submit(Kind.INTERRUPT, null, before, 0));
  }

  /**
   * Deletes up to {@code limit} of the oldest chained records that started before {@code cutoff},
   * keeping the rest verifiable; returns how many.
   */
  int purgeBefore(Instant cutoff, int limit) {
    return purgeBefore(cutoff, Long.MAX_VALUE, limit);
  }

  /**
   * As {@link #purgeBefore(Instant, int)}, but never past sequence number {@code throughSeq}: what
   * every sink has confirmed (export before purge).
   */
  int purgeBefore(Instant cutoff, long throughSeq, int limit) {
    return await(submit(Kind.PURGE, null, cutoff, limit, throughSeq));
  }

  /**
   * Takes a checkpoint of the head unless the head has not moved since the last one or that one is
   * younger than {@code notSince}; returns 1 when it took one.
   */
  int checkpoint(Instant notSince) {
    return await(submit(Kind.CHECKPOINT, null, notSince, 0));
  }

  /**
   * Chains {@code marker} (a record announcing the active chain key) unless the head record is
   * sealed under the active key already, or the chain is empty, or no key is configured; returns
   * whether it did. Written at start, so that a chain key just configured or rotated shows in the
   * trail at once and the newest record is always under the configured key (see {@code
   * unkeyed_head} in {@link ChainVerification}).
   */
  boolean announceKey(AuditEntry marker) {
    return await(submit(Kind.KEY_CHANGE, marker, null, 0)) == 1;
  }

  /** Batches committed so far. */
  long batches() {
    return batches.get();
  }

  /** Writes committed so far. */
  long writes() {
    return writes.get();
  }

  private CompletableFuture<Integer> submit(
      Kind kind, AuditEntry entry, Instant before, int limit) {
    return submit(kind, entry, before, limit, Long.MAX_VALUE);
  }

  private CompletableFuture<Integer> submit(
      Kind kind, AuditEntry entry, Instant before, int limit, long throughSeq) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    if (!running) {
      throw new AuditUnavailable("the audit writer is not running", null);
    }
    Pending pending =
        new Pending(kind, entry == null ? null : entry.copy(), before, limit, throughSeq, done);
    if (!queue.offer(pending)) {
      throw new AuditUnavailable("the audit queue is full", null);
    }
    return done;
  }

  private int await(CompletableFuture<Integer> done) {
    try {
      return done.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AuditUnavailable("the audit write failed", e.getCause());
    } catch (TimeoutException e) {
      throw new AuditUnavailable("the audit write did not commit in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailable("interrupted while waiting for the audit write", e);
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        if (!write(batch)) {
          for (Pending single : batch) {
            write(List.of(single));
          }
        }
      } catch (InterruptedException e) {
        if (running) {
          continue;
        }
        Thread.currentThread().interrupt();
        queue.drainTo(batch);
        batch.forEach(p -> write(List.of(p)));
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "Audit writer failed a batch", e);
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  /** Writes a batch in one transaction; true when it committed (its callers are released). */
  private boolean write(List<Pending> batch) {
    int[] results = new int[batch.size()];
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<AuditEntry> started = new ArrayList<>();
        List<AuditStore.Chained> updated = new ArrayList<>();
        List<AuditStore.Chained> inserted = new ArrayList<>();
        AuditStore.Head head = null;
        long startSeq = -1;
        List<ChainCheckpoint> checkpoints = new ArrayList<>();
        for (int k = 0; k < batch.size(); k++) {
          Pending p = batch.get(k);
          if (p.kind() == Kind.BEGIN) {
            started.add(p.entry());
            results[k] = 1;
            continue;
          }
          if (head == null) {
            head = store.lockHead(c);
            startSeq = head.seq();
          }
          switch (p.kind()) {
            case COMPLETE -> {
              head = store.chain(p.entry(), head);
              updated.add(new AuditStore.Chained(p.entry(), head.hash()));
              results[k] = 1;
            }
            case APPEND -> {
              // Every instance sweeps the admin-event outbox, so another one may have chained this
              // event just before: with the head locked, its record is visible if it exists.
              if (store.exists(c, p.entry().id())) {
                results[k] = 0;
              } else {
                head = store.chain(p.entry(), head);
                inserted.add(new AuditStore.Chained(p.entry(), head.hash()));
                results[k] = 1;
              }
            }
            case INTERRUPT -> {
              List<AuditEntry> stale = store.startedBefore(c, p.before(), instance);
              for (AuditEntry e : stale) {
                e.set(AuditField.DECISION, "INTERRUPTED");
                e.set(AuditField.REASON, "not_completed_before_restart");
                head = store.chain(e, head);
                updated.add(new AuditStore.Chained(e, head.hash()));
              }
              results[k] = stale.size();
            }
            case PURGE -> results[k] = store.purgeOldest(c, p.before(), p.throughSeq(), p.limit());
            case KEY_CHANGE -> {
              boolean stale =
                  activeKeyId != null
                      && head.seq() > 0
                      && !activeKeyId.equals(headKeyId(c, head, startSeq));
              if (stale && !store.exists(c, p.entry().id())) {
                head = store.chain(p.entry(), head);
                inserted.add(new AuditStore.Chained(p.entry(), head.hash()));
                results[k] = 1;
              }
            }
            case CHECKPOINT -> {
              ChainCheckpoint last = store.lastCheckpoint(c);
              if (head.seq() > 0
                  && (last == null
                      || (last.seq() < head.seq() && !last.createdAt().isAfter(p.before())))) {
                checkpoints.add(checkpointOf(c, head, startSeq, "interval"));
                results[k] = 1;
              }
            }
            default -> throw new IllegalStateException(p.kind().name());
          }
        }
        if (checkpointEvery > 0
            && head != null
            && head.seq() / checkpointEvery > startSeq / checkpointEvery) {
          long headSeq = head.seq();
          if (checkpoints.stream().noneMatch(cp -> cp.seq() == headSeq)) {
            checkpoints.add(checkpointOf(c, head, startSeq, "records"));
          }
        }
        store.insertStarted(c, started, instance);
        store.writeChained(c, updated, inserted);
        if (head != null) {
          store.saveHead(c, head);
        }
        for (ChainCheckpoint cp : checkpoints) {
          store.insertCheckpoint(c, cp);
        }
        c.commit();
        for (ChainCheckpoint cp : checkpoints) {
          LOG.log(
              Level.INFO,
              "Audit chain checkpoint seq={0} hash={1} key={2} ({3}, instance {4})",
              new Object[] {
                cp.seq(),
                cp.recordHash(),
                cp.keyId() == null ? "none" : cp.keyId(),
                cp.trigger(),
                cp.instance()
              });
        }
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        restoreQuietly(c, autoCommit);
      }
    } catch (SQLException | RuntimeException e) {
      if (batch.size() > 1) {
        LOG.log(Level.WARNING, "Audit batch of {0} failed; retrying one by one", batch.size());
        return false;
      }
      LOG.log(Level.SEVERE, "Audit write failed", e);
      batch.get(0).done().completeExceptionally(e);
      return true;
    }
    batches.incrementAndGet();
    writes.addAndGet(batch.size());
    for (int k = 0; k < batch.size(); k++) {
      batch.get(k).done().complete(results[k]);
    }
    return true;
  }

  /**
   * The key id of the head record: the active key's when this batch chained it (not yet written),
   * else the stored one.
   */
  private String headKeyId(Connection c, AuditStore.Head head, long startSeq) throws SQLException {
    return head.seq() > startSeq ? activeKeyId : store.keyIdAt(c, head.seq());
  }

  private ChainCheckpoint checkpointOf(
      Connection c, AuditStore.Head head, long startSeq, String trigger) throws SQLException {
    return new ChainCheckpoint(
        head.seq(),
        head.hash(),
        headKeyId(c, head, startSeq),
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        instance,
        trigger);
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Rollback failed", e);
    }
  }

  private static void restoreQuietly(Connection c, boolean autoCommit) {
    try {
      c.setAutoCommit(autoCommit);
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Restoring auto-commit failed", e);
    }
  }
}
