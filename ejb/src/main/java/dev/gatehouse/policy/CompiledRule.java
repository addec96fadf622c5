package dev.gatehouse.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A deny rule ready to match: the pattern compiled once (RE2/J, so a pattern such as {@code (a+)+$}
 * runs in linear time like any other), the literal normalised like the input. Immutable; cached by
 * {@link Denylist} per rule id and version.
 */
public final class CompiledRule {

  private final String id;
  private final String name;
  private final String connectionName;
  private final RuleTarget target;
  private final String selector;
  private final List<String> pointer;
  private final boolean fold;
  private final RuleAction action;
  private final String message;
  private final Integer approvalsRequired;
  private final Pattern regex;

  /** What every match of {@link #regex} contains, when known: texts without it skip the NFA. */
  private final RequiredLiterals required;

  private final String literal;

  private final long version;

  /** TOOL rules: the tool names, the groups the rule applies to (empty: all), the argument. */
  private final Pattern toolName;

  private final java.util.Set<String> callerGroups;
  private final List<String> argumentPointer;

  private CompiledRule(PolicyRule rule) {
    this.id = rule.getId();
    this.version = rule.getVersion();
    this.callerGroups = java.util.Set.copyOf(rule.getCallerGroups());
    this.toolName =
        rule.getTarget() == RuleTarget.TOOL
            ? Pattern.compile(toolGlobToRegex(rule.getSelector()))
            : null;
    this.argumentPointer =
        rule.getArgumentPointer() == null
            ? null
            : parsePointer(rule.getArgumentPointer(), "argumentPointer");
    this.name = rule.getName();
    this.connectionName = rule.getConnectionName();
    this.target = rule.getTarget();
    this.selector = rule.getSelector();
    this.fold = rule.isCaseInsensitive();
    this.action = rule.getAction();
    this.message =
        rule.getMessage() == null || rule.getMessage().isBlank()
            ? "The request was blocked by policy rule " + rule.getName() + "."
            : rule.getMessage();
    this.approvalsRequired = rule.getApprovalsRequired();
    this.pointer =
        target == RuleTarget.JSON_POINTER ? parsePointer(selector, "selector") : List.of();
    int flags = fold ? Pattern.CASE_INSENSITIVE : 0;
    if (target == RuleTarget.PATH_GLOB) {
      this.regex = Pattern.compile(globToRegex(rule.getPattern()), flags);
      this.literal = null;
    } else if (target == RuleTarget.TOOL && rule.getPattern().isEmpty()) {
      // Every call of the tool.
      this.regex = null;
      this.literal = null;
    } else if (rule.getMatchKind() == MatchKind.REGEX) {
      if (target == RuleTarget.METHOD) {
        this.regex = Pattern.compile("^(?:" + rule.getPattern() + ")$", flags);
      } else {
        // Header, field, body and query input is folded for a case-insensitive rule.
        this.regex =
            fold ? FoldedRegex.compile(rule.getPattern()) : Pattern.compile(rule.getPattern());
      }
      this.literal = null;
    } else {
      this.regex = null;
      String normalized = InputNormalizer.normalize(rule.getPattern());
      this.literal = fold ? InputNormalizer.fold(normalized) : normalized;
    }
    this.required = requiredLiterals(rule);
  }

  /**
   * The prefilter of a regular-expression rule over headers, fields and bodies: of the pattern as
   * it runs — lowered for folded input ({@link FoldedRegex}); none when it runs case-insensitively
   * as written, whose literals the folded input need not contain as written.
   */
  private RequiredLiterals requiredLiterals(PolicyRule rule) {
    if (regex == null
        || target == RuleTarget.METHOD
        || target == RuleTarget.PATH_GLOB
        || rule.getMatchKind() != MatchKind.REGEX) {
      return null;
    }
    return (fold ? FoldedRegex.lowered(rule.getPattern()) : Optional.of(rule.getPattern()))
        .flatMap(RequiredLiterals::of)
        .orElse(null);
  }

  /**
   * Compiles a rule.
   *
   * @throws InvalidPolicyRule when the rule is incomplete or its pattern or selector is invalid
   */
  public static CompiledRule compile(PolicyRule rule) {
    if (rule.getName() == null || rule.getName().isBlank()) {
      throw new InvalidPolicyRule("name", "A rule needs a name.");
    }
    if (rule.getTarget() == null || rule.getAction() == null || rule.getMatchKind() == null) {
      throw new InvalidPolicyRule(
          rule.getTarget() == null ? "target" : rule.getAction() == null ? "action" : "matchKind",
          "A rule needs a target, a match kind and an action.");
    }
    boolean tool = rule.getTarget() == RuleTarget.TOOL;
    if (rule.getPattern() == null || (rule.getPattern().isEmpty() && !tool)) {
      throw new InvalidPolicyRule("pattern", "A rule needs a pattern.");
    }
    if (tool && (rule.getSelector() == null || rule.getSelector().isBlank())) {
      throw new InvalidPolicyRule(
          "selector", "A TOOL rule needs a selector: the tool names it applies to, as a glob.");
    }
    if (!tool && rule.getAction() == RuleAction.ALLOW) {
      throw new InvalidPolicyRule("action", "Only a TOOL rule can ALLOW.");
    }
    if (!tool && (!rule.getCallerGroups().isEmpty() || rule.getArgumentPointer() != null)) {
      throw new InvalidPolicyRule(
          rule.getCallerGroups().isEmpty() ? "argumentPointer" : "callerGroups",
          "Only a TOOL rule takes callerGroups and an argumentPointer.");
    }
    if (tool && rule.getArgumentPointer() != null && rule.getPattern().isEmpty()) {
      throw new InvalidPolicyRule("pattern", "An argumentPointer needs a pattern to match there.");
    }
    if ((rule.getTarget() == RuleTarget.HEADER || rule.getTarget() == RuleTarget.JSON_POINTER)
        && (rule.getSelector() == null || rule.getSelector().isBlank())) {
      throw new InvalidPolicyRule("selector", "A HEADER or JSON_POINTER rule needs a selector.");
    }
    try {
      return new CompiledRule(rule);
    } catch (PatternSyntaxException e) {
      throw new InvalidPolicyRule("pattern", "The pattern is not a valid RE2 expression.", e);
    }
  }

  boolean appliesTo(String connection) {
    return connectionName == null || connectionName.equals(connection);
  }

  /** Whether this is a TOOL rule (matched against tool calls, never against requests). */
  boolean isToolRule() {
    return target == RuleTarget.TOOL;
  }

  /** Whether a TOOL rule applies to a caller of these groups and names this tool. */
  boolean namesTool(String tool, java.util.Set<String> groups) {
    return toolName != null
        && toolName.matcher(tool).matches()
        && (callerGroups.isEmpty() || groups.stream().anyMatch(callerGroups::contains));
  }

  /** Whether a TOOL rule holds for every call of a tool it names (no argument condition). */
  boolean coversEveryCall() {
    return regex == null && literal == null;
  }

  /**
   * Whether a TOOL rule matches a call: the tool (for a caller of these groups) and, if the rule
   * has a pattern, the call's canonical arguments — or, with an argument pointer, the value there
   * (a string as itself, anything else as canonical JSON). A pointer to nothing does not match.
   *
   * @param canonicalArguments the call's arguments in canonical JSON, or {@code null} when unknown
   *     (which matches only a rule without a pattern)
   */
  Optional<String> matchTool(String tool, String canonicalArguments, java.util.Set<String> groups) {
    if (!namesTool(tool, groups)) {
      return Optional.empty();
    }
    String where = "tool:" + tool;
    if (coversEveryCall()) {
      return Optional.of(where);
    }
    if (canonicalArguments == null) {
      return Optional.empty();
    }
    for (String value : ToolArguments.at(canonicalArguments, argumentPointer)) {
      if (found(InputNormalizer.normalize(value))) {
        return Optional.of(argumentPointer == null ? where : where + ":" + argumentSelector());
      }
    }
    return Optional.empty();
  }

  private String argumentSelector() {
    return "/" + String.join("/", argumentPointer);
  }

  /** The version of the rule as compiled. */
  public long version() {
    return version;
  }

  /** Where the rule matches the sample, if it does. */
  Optional<String> match(RequestSample sample) {
    switch (target) {
      case TOOL -> {
        return Optional.empty();
      }
      case METHOD -> {
        String method = sample.method();
        boolean hit = regex != null ? regex.matches(method) : method.equalsIgnoreCase(literal);
        return hit ? Optional.of("method") : Optional.empty();
      }
      case PATH_GLOB -> {
        // As sent and as a lenient backend reads it: a rule on /admin/** holds for /admin;x/.
        return globMatches(sample.normalizedPath()) || globMatches(sample.canonicalPath())
            ? Optional.of("path")
            : Optional.empty();
      }
      case HEADER -> {
        for (String value : sample.normalizedHeader(selector)) {
          if (found(value)) {
            return Optional.of("header:" + selector.toLowerCase(Locale.ROOT));
          }
        }
        return Optional.empty();
      }
      case JSON_POINTER -> {
        for (String value : sample.normalizedAt(pointer)) {
          if (found(value)) {
            return Optional.of("body:" + selector);
          }
        }
        return Optional.empty();
      }
      case BODY -> {
        if (foundFolded(fold ? sample.foldedBody() : sample.normalizedBody())) {
          return Optional.of("body");
        }
        return foundFolded(fold ? sample.foldedQuery() : sample.normalizedQuery())
            ? Optional.of("query")
            : Optional.empty();
      }
      default -> throw new IllegalStateException("Unknown target " + target);
    }
  }

  private boolean globMatches(String path) {
    return regex.matches(fold ? InputNormalizer.fold(path) : path);
  }

  /** Whether the rule looks at the request body. */
  boolean readsBody() {
    return target == RuleTarget.JSON_POINTER || target == RuleTarget.BODY;
  }

  /** Whether a JSON_POINTER rule could not look at this sample (a body that is not JSON). */
  boolean notEvaluable(RequestSample sample) {
    return target == RuleTarget.JSON_POINTER && sample.hasBody() && sample.json() == null;
  }

  private boolean found(String normalized) {
    return foundFolded(fold ? InputNormalizer.fold(normalized) : normalized);
  }

  /** Whether the rule matches text already normalised and, if the rule folds, folded. */
  private boolean foundFolded(String text) {
    if (text.isEmpty()) {
      return false;
    }
    if (regex == null) {
      return text.contains(literal);
    }
    return (required == null || required.admits(text)) && regex.matcher(text).find();
  }

  static String globToRegex(String glob) {
    StringBuilder out = new StringBuilder("^");
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        out.append(".*");
        i++;
      } else if (c == '*') {
        out.append("[^/]*");
      } else if (c == '?') {
        out.append("[^/]");
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.append('$').toString();
  }

  /** A tool-name glob: {@code *} any run of characters, {@code ?} one; the rest literal. */
  static String toolGlobToRegex(String glob) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        out.append(".*");
      } else if (c == '?') {
        out.append('.');
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }

  /** The pointer's reference tokens; {@code field} names it in a refusal. */
  static List<String> parsePointer(String pointer, String field) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw new InvalidPolicyRule(field, "A JSON Pointer starts with '/'.");
    }
    List<String> tokens = new ArrayList<>();
    for (String token : pointer.substring(1).split("/", -1)) {
      tokens.add(token.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public RuleAction action() {
    return action;
  }

  public String message() {
    return message;
  }

  /** Distinct reviewers a REQUIRE_APPROVAL match needs, or {@code null}: the connection's count. */
  public Integer approvalsRequired() {
    return approvalsRequired;
  }
}
