package dev.gatehouse.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A deny rule, kept as data so operators change policy without a deployment: where it applies
 * (every connection, or one by name), what it looks at, the pattern, and what happens on a match.
 * Its {@code version} changes with every edit; compiled matchers are cached per version.
 */
@Entity
@Table(name = "policy_rule")
@NamedQuery(name = "PolicyRule.findAll", query = "SELECT r FROM PolicyRule r ORDER BY r.name")
@NamedQuery(
    name = "PolicyRule.findEnabled",
    query = "SELECT r FROM PolicyRule r WHERE r.enabled = TRUE ORDER BY r.name")
public class PolicyRule {

  @Id
  @Column(length = 36)
  private String id = UUID.randomUUID().toString();

  @Column(nullable = false, unique = true, length = 128)
  private String name;

  /** {@code null} for a global rule. */
  @Column(name = "connection_name", length = 63)
  private String connectionName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  private RuleTarget target;

  @Column(length = 1024)
  private String selector;

  @Column(nullable = false, length = 4096)
  private String pattern;

  @Enumerated(EnumType.STRING)
  @Column(name = "match_kind", nullable = false, length = 8)
  private MatchKind matchKind = MatchKind.LITERAL;

  @Column(name = "case_insensitive", nullable = false)
  private boolean caseInsensitive = true;

  @Enumerated(EnumType.STRING)
  @Column(name = "rule_action", nullable = false, length = 24)
  private RuleAction action = RuleAction.BLOCK;

  @Column(length = 512)
  private String message;

  /**
   * For REQUIRE_APPROVAL: distinct reviewers needed, or {@code null} for the connection's count.
   */
  @Column(name = "approvals_required")
  private Integer approvalsRequired;

  /** For TOOL rules: the groups a caller must be in for the rule to apply (comma-separated). */
  @Column(name = "caller_groups", length = 2048)
  private String callerGroups;

  /** For TOOL rules: a JSON Pointer to the one argument the pattern looks at. */
  @Column(name = "argument_pointer", length = 1024)
  private String argumentPointer;

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.now();

  @Version
  @Column(nullable = false)
  private long version;

  public PolicyRule() {}

  /** Copies everything an operator may set from {@code source}. */
  public void assign(PolicyRule source) {
    this.name = source.name;
    this.connectionName = source.connectionName;
    this.target = source.target;
    this.selector = source.selector;
    this.pattern = source.pattern;
    this.matchKind = source.matchKind;
    this.caseInsensitive = source.caseInsensitive;
    this.action = source.action;
    this.message = source.message;
    this.approvalsRequired = source.approvalsRequired;
    this.callerGroups = source.callerGroups;
    this.argumentPointer = source.argumentPointer;
    this.enabled = source.enabled;
    this.updatedAt = Instant.now();
  }

  /** Whether another rule has the same settings (name included; id, times and version aside). */
  public boolean sameSettingsAs(PolicyRule other) {
    return java.util.Objects.equals(name, other.name)
        && java.util.Objects.equals(connectionName, other.connectionName)
        && target == other.target
        && java.util.Objects.equals(selector, other.selector)
        && java.util.Objects.equals(pattern, other.pattern)
        && matchKind == other.matchKind
        && caseInsensitive == other.caseInsensitive
        && action == other.action
        && java.util.Objects.equals(message, other.message)
        && java.util.Objects.equals(approvalsRequired, other.approvalsRequired)
        && getCallerGroups().equals(other.getCallerGroups())
        && java.util.Objects.equals(argumentPointer, other.argumentPointer)
        && enabled == other.enabled;
  }

  public String getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getConnectionName() {
    return connectionName;
  }

  public void setConnectionName(String connectionName) {
    this.connectionName = connectionName;
  }

  public RuleTarget getTarget() {
    return target;
  }

  public void setTarget(RuleTarget target) {
    this.target = target;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }

  public String getPattern() {
    return pattern;
  }

  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public MatchKind getMatchKind() {
    return matchKind;
  }

  public void setMatchKind(MatchKind matchKind) {
    this.matchKind = matchKind;
  }

  public boolean isCaseInsensitive() {
    return caseInsensitive;
  }

  public void setCaseInsensitive(boolean caseInsensitive) {
    this.caseInsensitive = caseInsensitive;
  }

  public RuleAction getAction() {
    return action;
  }

  public void setAction(RuleAction action) {
    this.action = action;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Integer getApprovalsRequired() {
    return approvalsRequired;
  }

  public void setApprovalsRequired(Integer approvalsRequired) {
    this.approvalsRequired = approvalsRequired;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public long getVersion() {
    return version;
  }

  /** For TOOL rules: the groups the rule applies to; empty: every caller. */
  public java.util.Set<String> getCallerGroups() {
    java.util.Set<String> groups = new java.util.LinkedHashSet<>();
    if (callerGroups != null) {
      for (String g : callerGroups.split(",")) {
        if (!g.isBlank()) {
          groups.add(g.strip());
        }
      }
    }
    return groups;
  }

  public void setCallerGroups(java.util.Collection<String> groups) {
    this.callerGroups =
        groups == null || groups.isEmpty()
            ? null
            : String.join(",", new java.util.LinkedHashSet<>(groups));
  }

  /** For TOOL rules: the JSON Pointer to the argument the pattern looks at, or {@code null}. */
  public String getArgumentPointer() {
    return argumentPointer;
  }

  public void setArgumentPointer(String argumentPointer) {
    this.argumentPointer = argumentPointer;
  }
}
