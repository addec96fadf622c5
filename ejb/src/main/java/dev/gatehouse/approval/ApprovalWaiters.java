package dev.gatehouse.approval;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Callers waiting ({@code Prefer: wait}) for a decision on their held request. No thread waits:
 * each waiter is a future, completed with the approval's new state when a decision commits on this
 * instance ({@link ApprovalDecided}, observed after success), or — for a decision made on another
 * instance of a cluster, which fires no event here — by a poll of the waited-for approvals every
 * {@value #POLL_MILLIS} ms, or with {@link ApprovalState#PENDING} when the wait runs out.
 */
@ApplicationScoped
public class ApprovalWaiters {

  static final long POLL_MILLIS = 1000;

  private static final Logger LOG = Logger.getLogger(ApprovalWaiters.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject ApprovalService approvals;

  private final Map<String, List<CompletableFuture<ApprovalState>>> waiting =
      new ConcurrentHashMap<>();

  private ScheduledFuture<?> poller;

  @PostConstruct
  void startPolling() {
    poller =
        scheduler.scheduleWithFixedDelay(
            this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (poller != null) {
      poller.cancel(false);
    }
    waiting.values().forEach(list -> list.forEach(f -> f.complete(ApprovalState.PENDING)));
  }

  /**
   * Completes with the approval's state once it left PENDING, or with PENDING after {@code max}.
   */
  public CompletionStage<ApprovalState> await(String approvalId, Duration max) {
    CompletableFuture<ApprovalState> waiter = new CompletableFuture<>();
    waiting.computeIfAbsent(approvalId, id -> new CopyOnWriteArrayList<>()).add(waiter);
    scheduler.schedule(
        () -> complete(approvalId, waiter, ApprovalState.PENDING),
        max.toMillis(),
        TimeUnit.MILLISECONDS);
    return waiter;
  }

  /** How many callers wait now (for tests and metrics). */
  public int waiting() {
    return waiting.values().stream().mapToInt(List::size).sum();
  }

  void onDecided(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalDecided decision) {
    completeAll(decision.approvalId(), decision.state());
  }

  private void poll() {
    if (waiting.isEmpty()) {
      return;
    }
    try {
      Instant now = Instant.now();
      for (String id : List.copyOf(waiting.keySet())) {
        Approval approval = approvals.find(id);
        ApprovalState state = approval == null ? ApprovalState.EXPIRED : approval.stateAt(now);
        if (state != ApprovalState.PENDING) {
          completeAll(id, state);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Polling waited-for approvals failed; retrying", e);
    }
  }

  private void completeAll(String approvalId, ApprovalState state) {
    List<CompletableFuture<ApprovalState>> waiters = waiting.remove(approvalId);
    if (waiters != null) {
      waiters.forEach(f -> f.complete(state));
    }
  }

  private void complete(
      String approvalId, CompletableFuture<ApprovalState> waiter, ApprovalState state) {
    waiting.computeIfPresent(
        approvalId,
        (id, list) -> {
          list.remove(waiter);
          return list.isEmpty() ? null : list;
        });
    waiter.complete(state);
  }
}
