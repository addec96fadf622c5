package dev.gatehouse.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.exchange.GatewayRefusal;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

/**
 * The ledger over plain maps, including two "instances" that share one map as cluster members share
 * the data grid's.
 */
class BudgetLedgerTest {

  private static final Instant T0 = Instant.parse("2026-11-26T01:00:10Z");

  private final ConcurrentMap<String, Long> shared = new ConcurrentHashMap<>();

  private BudgetLedger instance() {
    return BudgetLedger.over(new BudgetCounters(shared));
  }

  private static Budget calls(int perWindow, int perSession) {
    return new Budget(60, perSession, perWindow, 0, 0);
  }

  private static Budget tokens(long perWindow) {
    return new Budget(60, 0, 0, perWindow, 0);
  }

  @Test
  void theCallOverTheWindowIsRefusedWithRetryAfterUntilTheWindowEnds() {
    BudgetLedger ledger = instance();
    ledger.chargeToolCalls("demo", "alice", null, 1, calls(2, 0), T0);
    ledger.chargeToolCalls("demo", "alice", null, 1, calls(2, 0), T0);

    assertThatThrownBy(() -> ledger.chargeToolCalls("demo", "alice", null, 1, calls(2, 0), T0))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.status()).isEqualTo(429);
              assertThat(r.reason()).isEqualTo("tool_call_budget_exceeded");
              assertThat(r.headers()).containsEntry("Retry-After", "50");
              assertThat(r.details())
                  .containsEntry("budget", "window")
                  .containsEntry("retryAfterSeconds", "50");
            });
    // Another caller, and another connection, have budgets of their own; the next window is new.
    ledger.chargeToolCalls("demo", "bob", null, 1, calls(2, 0), T0);
    ledger.chargeToolCalls("other", "alice", null, 1, calls(2, 0), T0);
    ledger.chargeToolCalls("demo", "alice", null, 1, calls(2, 0), T0.plusSeconds(50));
  }

  @Test
  void aRefusedCallIsNotCountedAndARefundedOneIsTakenBack() {
    BudgetLedger ledger = instance();
    ledger.chargeToolCalls("demo", "alice", null, 1, calls(2, 0), T0);
    BudgetLedger.Charge heldForApproval =
        ledger.chargeToolCalls("demo", "alice", null, 1, calls(2, 0), T0);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> ledger.chargeToolCalls("demo", "alice", null, 1, calls(2, 0), T0))
          .hasFieldOrPropertyWithValue("reason", "tool_call_budget_exceeded");
    }

    heldForApproval.refund();
    heldForApproval.refund(); // twice is once

    ledger.chargeToolCalls("demo", "alice", null, 1, calls(2, 0), T0);
    assertThatThrownBy(() -> ledger.chargeToolCalls("demo", "alice", null, 1, calls(2, 0), T0))
        .isInstanceOf(GatewayRefusal.class);
  }

  @Test
  void aSessionHasItsOwnBudgetWhateverTheWindow() {
    BudgetLedger ledger = instance();
    Budget budget = calls(0, 2);
    ledger.chargeToolCalls("demo", "alice", "s1", 1, budget, T0);
    ledger.chargeToolCalls("demo", "alice", "s1", 1, budget, T0.plusSeconds(3600));

    assertThatThrownBy(
            () -> ledger.chargeToolCalls("demo", "alice", "s1", 1, budget, T0.plusSeconds(7200)))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.reason()).isEqualTo("tool_call_budget_exceeded");
              assertThat(r.details()).containsEntry("budget", "session");
              assertThat(r.headers()).doesNotContainKey("Retry-After");
            });
    // Another session, or no session at all, is not held to s1's count.
    ledger.chargeToolCalls("demo", "alice", "s2", 1, budget, T0);
    ledger.chargeToolCalls("demo", "alice", null, 5, budget, T0);
    // Another caller naming the same session id has a count of its own.
    ledger.chargeToolCalls("demo", "bob", "s1", 2, budget, T0);
  }

  @Test
  void aSessionRefusalTakesBackTheWindowCountToo() {
    BudgetLedger ledger = instance();
    Budget both = calls(3, 1);
    ledger.chargeToolCalls("demo", "alice", "s1", 1, both, T0);
    assertThatThrownBy(() -> ledger.chargeToolCalls("demo", "alice", "s1", 1, both, T0))
        .hasFieldOrPropertyWithValue("reason", "tool_call_budget_exceeded");

    // The window holds 1 call, not 2: two more in new sessions fit, a third does not.
    ledger.chargeToolCalls("demo", "alice", "s2", 1, both, T0);
    ledger.chargeToolCalls("demo", "alice", "s3", 1, both, T0);
    assertThatThrownBy(() -> ledger.chargeToolCalls("demo", "alice", "s4", 1, both, T0))
        .isInstanceOfSatisfying(
            GatewayRefusal.class, r -> assertThat(r.details()).containsEntry("budget", "window"));
  }

  @Test
  void aBatchCountsEachCall() {
    BudgetLedger ledger = instance();
    assertThatThrownBy(() -> ledger.chargeToolCalls("demo", "alice", null, 3, calls(2, 0), T0))
        .isInstanceOf(GatewayRefusal.class);
    ledger.chargeToolCalls("demo", "alice", null, 2, calls(2, 0), T0);
  }

  @Test
  void callCountsAreSharedByEveryInstance() {
    instance().chargeToolCalls("demo", "alice", "s1", 1, calls(2, 2), T0);
    instance().chargeToolCalls("demo", "alice", "s1", 1, calls(2, 2), T0);

    assertThatThrownBy(() -> instance().chargeToolCalls("demo", "alice", "s2", 1, calls(2, 2), T0))
        .hasFieldOrPropertyWithValue("reason", "tool_call_budget_exceeded");
  }

  @Test
  void tokensAreRefusedOnceTheWindowIsSpentNotBefore() {
    BudgetLedger a = instance();
    BudgetLedger b = instance();
    Budget budget = tokens(100);
    a.checkTokens("demo", "alice", budget, T0);
    a.spendTokens("demo", "alice", 60, budget, T0);
    b.checkTokens("demo", "alice", budget, T0);
    // The answer that crosses the budget is counted whole.
    b.spendTokens("demo", "alice", 70, budget, T0.plusSeconds(1));
    assertThat(a.tokensSpent("demo", "alice", budget, T0)).isEqualTo(130);

    assertThatThrownBy(() -> a.checkTokens("demo", "alice", budget, T0.plusSeconds(2)))
        .isInstanceOfSatisfying(
            GatewayRefusal.class,
            r -> {
              assertThat(r.status()).isEqualTo(429);
              assertThat(r.reason()).isEqualTo("token_budget_exceeded");
              assertThat(r.headers()).containsEntry("Retry-After", "48");
              assertThat(r.details()).containsEntry("budget", "tokens");
            });
    a.checkTokens("demo", "bob", budget, T0);
    a.checkTokens("demo", "alice", budget, T0.plusSeconds(50)); // the next window
  }

  @Test
  void exactlyTheBudgetIsSpentAfterwards() {
    BudgetLedger ledger = instance();
    Budget budget = tokens(100);
    ledger.spendTokens("demo", "alice", 99, budget, T0);
    ledger.checkTokens("demo", "alice", budget, T0);
    ledger.spendTokens("demo", "alice", 1, budget, T0);
    assertThatThrownBy(() -> ledger.checkTokens("demo", "alice", budget, T0))
        .isInstanceOf(GatewayRefusal.class);
  }

  @Test
  void withoutBudgetsNothingIsCounted() {
    BudgetLedger ledger = instance();
    Budget none = new Budget(60, 0, 0, 0, 0);
    ledger.chargeToolCalls("demo", "alice", "s1", 1, none, T0);
    ledger.checkTokens("demo", "alice", none, T0);
    ledger.spendTokens("demo", "alice", 500, none, T0);

    assertThat(shared).isEmpty();
  }

  @Test
  void whenTheCountersFailTheCallIsAdmitted() {
    ConcurrentMap<String, Long> broken =
        new ConcurrentHashMap<>() {
          @Override
          public Long get(Object key) {
            throw new IllegalStateException("grid unreachable");
          }
        };
    BudgetLedger ledger = BudgetLedger.over(new BudgetCounters(broken));

    ledger.chargeToolCalls("demo", "alice", "s1", 1, calls(1, 1), T0).refund();
    ledger.checkTokens("demo", "alice", tokens(1), T0);
    ledger.spendTokens("demo", "alice", 5, tokens(1), T0);
  }

  @Test
  void aPlainMapForgetsWhatHasExpired() {
    BudgetCounters counters = BudgetCounters.local();
    counters.add("a", 2, 10, T0);
    assertThat(counters.get("a", T0.plusSeconds(9))).isEqualTo(2);
    assertThat(counters.get("a", T0.plusSeconds(10))).isZero();
    assertThat(counters.add("a", 1, 10, T0.plusSeconds(10))).isEqualTo(1);
    counters.subtract("a", 5);
    assertThat(counters.get("a", T0.plusSeconds(10))).isZero();
  }
}
