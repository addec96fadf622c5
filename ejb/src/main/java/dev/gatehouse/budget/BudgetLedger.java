package dev.gatehouse.budget;

import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.ratelimit.DataGrid;
import dev.gatehouse.ratelimit.RateCounters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the account of what each caller spends on a connection: MCP tool calls per window and per
 * session, and model tokens per window. Windows are fixed and aligned to the epoch, as for the rate
 * limits. A tool call over a budget is refused and not counted; tokens are counted once the answer
 * that reports them has ended, so the answer that crosses the budget is never cut, and the next
 * request is refused.
 *
 * <p>If the data grid fails mid-request the request is admitted and the failure logged, exactly as
 * the rate limits do: budgets bound what a caller spends, and an outage of the counters must not
 * become an outage of the gateway.
 */
@ApplicationScoped
public class BudgetLedger {

  private static final Logger LOG = Logger.getLogger(BudgetLedger.class.getName());

  static final String MAP = "gatehouse-budgets";

  /** How long a session's call count is kept, from its first counted call. */
  static final long SESSION_SECONDS = 24 * 3600;

  /** Session ids longer than this are keyed by their digest, so a key stays small. */
  private static final int SESSION_ID_KEPT = 128;

  private BudgetCounters counters;

  @PostConstruct
  void connect() {
    counters =
        DataGrid.sharedMap(MAP, "Agent budgets")
            .map(BudgetCounters::new)
            .orElseGet(BudgetCounters::local);
  }

  /** For tests: a ledger over the given counters. */
  static BudgetLedger over(BudgetCounters counters) {
    BudgetLedger ledger = new BudgetLedger();
    ledger.counters = counters;
    return ledger;
  }

  /**
   * Counts MCP tool calls against the caller's window and session budgets, or refuses them.
   *
   * @param sessionId the {@code Mcp-Session-Id} sent, or {@code null} (no session budget applies)
   * @param calls how many tool calls the request makes
   * @return the charge, to refund when the calls are not forwarded after all
   * @throws GatewayRefusal 429 {@code tool_call_budget_exceeded}
   */
  public Charge chargeToolCalls(
      String connection, String caller, String sessionId, int calls, Budget budget, Instant now) {
    Charge charge = new Charge();
    try {
      if (budget.toolCallsPerWindow() > 0) {
        long windowEnd = RateCounters.windowEnd(now, budget.windowSeconds());
        String key = windowEnd + "|calls|" + who(connection, caller);
        long total = counters.add(key, calls, ttl(windowEnd, now), now);
        charge.add(key, calls);
        if (total > budget.toolCallsPerWindow()) {
          long retryAfter = Math.max(1, windowEnd - now.getEpochSecond());
          throw refusal(
                  "tool_call_budget_exceeded",
                  "You may make "
                      + budget.toolCallsPerWindow()
                      + " tool call(s) per "
                      + budget.windowSeconds()
                      + " s on this connection; retry after "
                      + retryAfter
                      + " s.",
                  Map.of("Retry-After", Long.toString(retryAfter)))
              .withDetail("budget", "window")
              .withDetail("retryAfterSeconds", Long.toString(retryAfter));
        }
      }
      if (budget.toolCallsPerSession() > 0 && sessionId != null) {
        String key = "session|" + who(connection, caller) + "|" + session(sessionId);
        long total = counters.add(key, calls, SESSION_SECONDS, now);
        charge.add(key, calls);
        if (total > budget.toolCallsPerSession()) {
          throw refusal(
                  "tool_call_budget_exceeded",
                  "You may make "
                      + budget.toolCallsPerSession()
                      + " tool call(s) in one session on this connection; start a new session.",
                  Map.of())
              .withDetail("budget", "session");
        }
      }
      return charge;
    } catch (GatewayRefusal refusal) {
      charge.refund();
      throw refusal;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Budget counters unavailable; admitting the tool call", e);
      charge.refund();
      return new Charge();
    }
  }

  /**
   * Refuses the request when the caller has spent the window's tokens already.
   *
   * @throws GatewayRefusal 429 {@code token_budget_exceeded}
   */
  public void checkTokens(String connection, String caller, Budget budget, Instant now) {
    if (budget.tokensPerWindow() <= 0) {
      return;
    }
    long windowEnd = RateCounters.windowEnd(now, budget.windowSeconds());
    long spent;
    try {
      spent = counters.get(tokenKey(connection, caller, windowEnd), now);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Budget counters unavailable; admitting the request", e);
      return;
    }
    if (spent >= budget.tokensPerWindow()) {
      long retryAfter = Math.max(1, windowEnd - now.getEpochSecond());
      throw refusal(
              "token_budget_exceeded",
              "You have spent the "
                  + budget.tokensPerWindow()
                  + " model tokens you may use per "
                  + budget.windowSeconds()
                  + " s on this connection; retry after "
                  + retryAfter
                  + " s.",
              Map.of("Retry-After", Long.toString(retryAfter)))
          .withDetail("budget", "tokens")
          .withDetail("retryAfterSeconds", Long.toString(retryAfter));
    }
  }

  /** Adds the tokens an answer reports to the caller's window (the window the answer ended in). */
  public void spendTokens(
      String connection, String caller, long tokens, Budget budget, Instant now) {
    if (budget.tokensPerWindow() <= 0 || tokens <= 0) {
      return;
    }
    long windowEnd = RateCounters.windowEnd(now, budget.windowSeconds());
    try {
      counters.add(tokenKey(connection, caller, windowEnd), tokens, ttl(windowEnd, now), now);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Budget counters unavailable; " + tokens + " token(s) not counted", e);
    }
  }

  /** Tokens the caller has spent in the current window, for tests. */
  long tokensSpent(String connection, String caller, Budget budget, Instant now) {
    long windowEnd = RateCounters.windowEnd(now, budget.windowSeconds());
    return counters.get(tokenKey(connection, caller, windowEnd), now);
  }

  private static String tokenKey(String connection, String caller, long windowEnd) {
    return windowEnd + "|tokens|" + who(connection, caller);
  }

  /**
   * The caller on the connection. A connection name has no {@code |}; the caller's length comes
   * first so that no subject can run into the session id that follows it.
   */
  private static String who(String connection, String caller) {
    return connection + "|" + caller.length() + ":" + caller;
  }

  private static String session(String sessionId) {
    if (sessionId.length() <= SESSION_ID_KEPT) {
      return sessionId;
    }
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(sessionId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A window's key lives until the window ends, and a second more. */
  private static long ttl(long windowEnd, Instant now) {
    return Math.max(1, windowEnd - now.getEpochSecond()) + 1;
  }

  private static GatewayRefusal refusal(String reason, String detail, Map<String, String> headers) {
    return new GatewayRefusal(429, reason, detail, Decision.REFUSED, headers, null);
  }

  /** What one request was charged, refunded at most once. */
  public final class Charge {
    private final List<String> keys = new ArrayList<>(2);
    private final List<Long> amounts = new ArrayList<>(2);
    private boolean refunded;

    private Charge() {}

    private void add(String key, long amount) {
      keys.add(key);
      amounts.add(amount);
    }

    /** Takes the charge back: the calls were not forwarded. */
    public synchronized void refund() {
      if (refunded) {
        return;
      }
      refunded = true;
      for (int i = 0; i < keys.size(); i++) {
        try {
          counters.subtract(keys.get(i), amounts.get(i));
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "Could not take back a budget charge", e);
        }
      }
    }
  }
}
