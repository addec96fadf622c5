package dev.gatehouse.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The enabled deny rules, compiled, and their evaluation. Compiled rules are cached per rule id and
 * version, so an unchanged rule is never recompiled; the list is reloaded after every committed
 * change on this server and at least every {@code gatehouse.policy.rules-refresh-seconds} (for
 * changes made on another server of a cluster).
 */
@ApplicationScoped
public class Denylist {

  @Inject PolicyService policies;

  @Inject
  @ConfigProperty(name = "gatehouse.policy.rules-refresh-seconds", defaultValue = "10")
  long refreshSeconds;

  /** The enabled rules as loaded, and per connection the ones that apply to it. */
  private record Snapshot(
      List<CompiledRule> rules, long loadedAtNanos, Map<String, List<CompiledRule>> byConnection) {

    /** The rules for a connection; {@code null} (a test without a connection) means global only. */
    List<CompiledRule> forConnection(String name) {
      if (name == null) {
        return rules.stream().filter(r -> r.appliesTo(null)).toList();
      }
      return byConnection.computeIfAbsent(
          name, n -> rules.stream().filter(r -> r.appliesTo(n)).toList());
    }
  }

  private final ConcurrentMap<String, CompiledRule> compiled = new ConcurrentHashMap<>();
  private volatile Snapshot snapshot;

  /** The rules that apply to the connection, matched against the sample. */
  public Evaluation evaluate(RequestSample sample, String connectionName) {
    return evaluate(snapshot().forConnection(connectionName), sample, connectionName);
  }

  static Evaluation evaluate(
      List<CompiledRule> rules, RequestSample sample, String connectionName) {
    List<RuleMatch> matches = new ArrayList<>();
    for (CompiledRule rule : rules) {
      if (!rule.appliesTo(connectionName)) {
        continue;
      }
      if (rule.notEvaluable(sample)) {
        matches.add(notEvaluated(rule));
        continue;
      }
      rule.match(sample)
          .ifPresent(
              where ->
                  matches.add(
                      new RuleMatch(
                          rule.id(),
                          rule.name(),
                          rule.action().name(),
                          where,
                          rule.message(),
                          rule.approvalsRequired())));
    }
    return new Evaluation(matches);
  }

  /**
   * A rule that could not look at the request. For {@code BLOCK} and {@code REQUIRE_APPROVAL} it
   * counts as a match — a body the rule cannot read must not be a way past it — and for {@code
   * WARN} it is recorded as {@code NOT_EVALUATED}.
   */
  private static RuleMatch notEvaluated(CompiledRule rule) {
    if (rule.action() == RuleAction.WARN) {
      return new RuleMatch(rule.id(), rule.name(), "NOT_EVALUATED", "body:not-json", null, null);
    }
    return new RuleMatch(
        rule.id(),
        rule.name(),
        rule.action().name(),
        "body:not-evaluated",
        "Policy rule "
            + rule.name()
            + " could not evaluate the request body (it is not JSON); the request is treated as"
            + " matching it.",
        rule.approvalsRequired());
  }

  /** Whether any rule that applies to the connection reads the body. */
  public boolean inspectsBody(String connectionName) {
    return snapshot().forConnection(connectionName).stream().anyMatch(CompiledRule::readsBody);
  }

  List<CompiledRule> rules() {
    return snapshot().rules();
  }

  private Snapshot snapshot() {
    Snapshot current = snapshot;
    if (current == null
        || System.nanoTime() - current.loadedAtNanos() > refreshSeconds * 1_000_000_000L) {
      current = load();
      snapshot = current;
    }
    return current;
  }

  private Snapshot load() {
    long started = System.nanoTime();
    List<CompiledRule> rules = new ArrayList<>();
    Set<String> live = new HashSet<>();
    for (PolicyRule rule : policies.enabled()) {
      String key = rule.getId() + "@" + rule.getVersion();
      live.add(key);
      rules.add(compiled.computeIfAbsent(key, k -> CompiledRule.compile(rule)));
    }
    compiled.keySet().retainAll(live);
    return new Snapshot(List.copyOf(rules), started, new ConcurrentHashMap<>());
  }

  void invalidate(@Observes(during = TransactionPhase.AFTER_COMPLETION) PolicyRulesChanged change) {
    snapshot = null;
  }
}
