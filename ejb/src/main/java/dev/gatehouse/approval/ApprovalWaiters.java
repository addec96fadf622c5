package dev.gatehouse.approval;

import jakarta.annotation.PreDestroy;
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

/**
 * Callers waiting ({@code Prefer: wait}) for a decision on their held request. No thread waits:
 * each waiter is a future, completed with the approval's new state when a decision commits on this
 * instance ({@link ApprovalDecided}, observed after success), or by {@link #poll} (run every second
 * by {@link ApprovalWaitJob}) — with the state a decision made on another instance of a cluster
 * left in the database, or with {@link ApprovalState#PENDING} once the wait ran out.
 *
 * <p>Futures are completed only on container threads (the deciding request's, or the timer's), so
 * that whatever the caller chains onto them runs with the application's context.
 */
@ApplicationScoped
public class ApprovalWaiters {

  private record Waiter(CompletableFuture<ApprovalState> future, Instant deadline) {}

  @Inject ApprovalService approvals;

  private final Map<String, List<Waiter>> waiting = new ConcurrentHashMap<>();

  /**
   * Completes with the approval's state once it left PENDING, or with PENDING after {@code max} (to
   * within the poll's second).
   */
  public CompletionStage<ApprovalState> await(String approvalId, Duration max) {
    Waiter waiter = new Waiter(new CompletableFuture<>(), Instant.now().plus(max));
    waiting.computeIfAbsent(approvalId, id -> new CopyOnWriteArrayList<>()).add(waiter);
    return waiter.future();
  }

  /** How many callers wait now. */
  public int waiting() {
    return waiting.values().stream().mapToInt(List::size).sum();
  }

  void onDecided(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalDecided decision) {
    List<Waiter> waiters = waiting.remove(decision.approvalId());
    if (waiters != null) {
      waiters.forEach(w -> w.future().complete(decision.state()));
    }
  }

  /** Ends waits that ran out, and those whose approval was decided elsewhere. */
  void poll() {
    if (waiting.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    for (String id : List.copyOf(waiting.keySet())) {
      Approval approval = approvals.find(id);
      ApprovalState state = approval == null ? ApprovalState.EXPIRED : approval.stateAt(now);
      waiting.computeIfPresent(
          id,
          (key, waiters) -> {
            for (Waiter w : waiters) {
              if (state != ApprovalState.PENDING) {
                w.future().complete(state);
              } else if (!now.isBefore(w.deadline())) {
                w.future().complete(ApprovalState.PENDING);
              }
            }
            waiters.removeIf(w -> w.future().isDone());
            return waiters.isEmpty() ? null : waiters;
          });
    }
  }

  @PreDestroy
  void releaseAll() {
    waiting.values().forEach(list -> list.forEach(w -> w.future().complete(ApprovalState.PENDING)));
    waiting.clear();
  }
}
