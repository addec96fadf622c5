package dev.gatehouse.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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
 */
final class GroupCommitWriter {

  private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());

  private enum Kind {
    BEGIN,
    COMPLETE,
    APPEND,
    INTERRUPT,
    PURGE
  }

  private record Pending(
      Kind kind, AuditEntry entry, Instant before, int limit, CompletableFuture<Integer> done) {}

  private final DataSource dataSource;
  private final String instance;
  private final AuditStore store = new AuditStore();
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

  /** Stops after writing what is queued. */
  synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
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
    return await(submit(Kind.PURGE, null, cutoff, limit));
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
    CompletableFuture<Integer> done = new CompletableFuture<>();
    if (!running) {
      throw new AuditUnavailable("the audit writer is not running", null);
    }
    if (!queue.offer(new Pending(kind, entry == null ? null : entry.copy(), before, limit, done))) {
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
        List<AuditEntry> updated = new ArrayList<>();
        List<AuditEntry> inserted = new ArrayList<>();
        AuditStore.Head head = null;
        for (int k = 0; k < batch.size(); k++) {
          Pending p = batch.get(k);
          if (p.kind() == Kind.BEGIN) {
            started.add(p.entry());
            results[k] = 1;
            continue;
          }
          if (head == null) {
            head = store.lockHead(c);
          }
          switch (p.kind()) {
            case COMPLETE -> {
              head = AuditStore.chain(p.entry(), head);
              updated.add(p.entry());
              results[k] = 1;
            }
            case APPEND -> {
              // Every instance sweeps the admin-event outbox, so another one may have chained this
              // event just before: with the head locked, its record is visible if it exists.
              if (store.exists(c, p.entry().id())) {
                results[k] = 0;
              } else {
                head = AuditStore.chain(p.entry(), head);
                inserted.add(p.entry());
                results[k] = 1;
              }
            }
            case INTERRUPT -> {
              List<AuditEntry> stale = store.startedBefore(c, p.before(), instance);
              for (AuditEntry e : stale) {
                e.set(AuditField.DECISION, "INTERRUPTED");
                e.set(AuditField.REASON, "not_completed_before_restart");
                head = AuditStore.chain(e, head);
                updated.add(e);
              }
              results[k] = stale.size();
            }
            case PURGE -> results[k] = store.purgeOldest(c, p.before(), p.limit());
            default -> throw new IllegalStateException(p.kind().name());
          }
        }
        store.insertStarted(c, started, instance);
        store.writeChained(c, updated, inserted);
        if (head != null) {
          store.saveHead(c, head);
        }
        c.commit();
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
