package dev.gatehouse.policy;

import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.connection.AgentSettings.ToolDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * The tool rules that apply to the connection, judged on one tool call by a caller of these
   * groups: the first matching {@code BLOCK} denies, else the first {@code REQUIRE_APPROVAL} holds,
   * else the first {@code ALLOW} allows; a call no rule decides gets the connection's default.
   */
  public ToolVerdict judgeTool(
      ToolCall call, String connectionName, Set<String> callerGroups, ToolDefault fallback) {
    return judgeTool(
        snapshot().forConnection(connectionName), call, connectionName, callerGroups, fallback);
  }

  static ToolVerdict judgeTool(
      List<CompiledRule> rules,
      ToolCall call,
      String connectionName,
      Set<String> callerGroups,
      ToolDefault fallback) {
    List<RuleMatch> matches = new ArrayList<>();
    CompiledRule deciding = null;
    for (CompiledRule rule : rules) {
      if (!rule.isToolRule() || !rule.appliesTo(connectionName)) {
        continue;
      }
      Optional<String> where = rule.matchTool(call.name(), call.canonicalArguments(), callerGroups);
      if (where.isEmpty()) {
        continue;
      }
      matches.add(
          new RuleMatch(
              rule.id(),
              rule.name(),
              rule.action().name(),
              where.get(),
              rule.message(),
              rule.approvalsRequired()));
      if (rule.action() != RuleAction.WARN
          && (deciding == null || strength(rule.action()) > strength(deciding.action()))) {
        deciding = rule;
      }
    }
    if (deciding == null) {
      return new ToolVerdict(
          fallback == ToolDefault.DENY ? ToolVerdict.Effect.DENY : ToolVerdict.Effect.ALLOW,
          null,
          0,
          matches);
    }
    String decidingId = deciding.id();
    RuleMatch decidingMatch =
        matches.stream().filter(m -> m.ruleId().equals(decidingId)).findFirst().orElseThrow();
    ToolVerdict.Effect effect =
        switch (deciding.action()) {
          case BLOCK -> ToolVerdict.Effect.DENY;
          case REQUIRE_APPROVAL -> ToolVerdict.Effect.APPROVE;
          default -> ToolVerdict.Effect.ALLOW;
        };
    return new ToolVerdict(effect, decidingMatch, deciding.version(), matches);
  }

  private static int strength(RuleAction action) {
    return switch (action) {
      case BLOCK -> 3;
      case REQUIRE_APPROVAL -> 2;
      case ALLOW -> 1;
      default -> 0;
    };
  }

  /**
   * Whether a tool is shown to a caller of these groups in a tool list: not when every call of it
   * is denied — a {@code BLOCK} rule names it without an argument condition, or the connection
   * denies by default and no {@code ALLOW} or {@code REQUIRE_APPROVAL} rule names it.
   */
  public boolean toolVisible(
      String tool, String connectionName, Set<String> callerGroups, ToolDefault fallback) {
    return toolVisible(
        snapshot().forConnection(connectionName), tool, connectionName, callerGroups, fallback);
  }

  static boolean toolVisible(
      List<CompiledRule> rules,
      String tool,
      String connectionName,
      Set<String> callerGroups,
      ToolDefault fallback) {
    boolean admitted = fallback == ToolDefault.ALLOW;
    for (CompiledRule rule : rules) {
      if (!rule.isToolRule()
          || !rule.appliesTo(connectionName)
          || !rule.namesTool(tool, callerGroups)) {
        continue;
      }
      if (rule.action() == RuleAction.BLOCK && rule.coversEveryCall()) {
        return false;
      }
      if (rule.action() == RuleAction.ALLOW || rule.action() == RuleAction.REQUIRE_APPROVAL) {
        admitted = true;
      }
    }
    return admitted;
  }

  /** Whether any tool rule applies to the connection. */
  public boolean hasToolRules(String connectionName) {
    return snapshot().forConnection(connectionName).stream().anyMatch(CompiledRule::isToolRule);
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
