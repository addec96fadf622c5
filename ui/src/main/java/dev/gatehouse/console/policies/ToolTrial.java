package dev.gatehouse.console.policies;

import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.connection.AgentSettings.ToolDefault;
import dev.gatehouse.platform.Jsonp;
import dev.gatehouse.policy.Denylist;
import dev.gatehouse.policy.RuleMatch;
import dev.gatehouse.policy.ToolVerdict;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.Serializable;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the tool rules say of one sample tool call, as the test box shows it: the effect, the rule
 * that decided (none: the connection's tool default did), every rule that matched, whether the tool
 * would be listed to such a caller, and the argument digest an approval of the call would be bound
 * to. Judged by {@link Denylist#judgeTool} and {@link Denylist#toolVisible}, as on the data path.
 *
 * @param effect {@code ALLOW}, {@code APPROVE} or {@code DENY}
 * @param deciding the deciding rule, or {@code null} when the default decided
 * @param ruleVersion the deciding rule's version
 * @param matches every rule that matched, warnings included
 * @param visible whether the tool stays in a tool list shown to the caller
 * @param toolDefault the default that applied to calls no rule names ({@code allow}, {@code deny})
 * @param argumentsSha256 the SHA-256 of the canonical arguments
 */
public record ToolTrial(
    String effect,
    Match deciding,
    long ruleVersion,
    List<Match> matches,
    boolean visible,
    String toolDefault,
    String argumentsSha256)
    implements Serializable {

  /** A matching rule (the view keeps it between requests, so it is serializable). */
  public record Match(String ruleId, String ruleName, String action, String where, String message)
      implements Serializable {

    static Match of(RuleMatch m) {
      return new Match(m.ruleId(), m.ruleName(), m.action(), m.where(), m.message());
    }
  }

  public ToolTrial {
    matches = List.copyOf(matches);
  }

  static ToolTrial judge(
      Denylist denylist,
      ToolCall call,
      String connection,
      Set<String> callerGroups,
      ToolDefault fallback) {
    ToolVerdict verdict = denylist.judgeTool(call, connection, callerGroups, fallback);
    return new ToolTrial(
        verdict.effect().name(),
        verdict.deciding() == null ? null : Match.of(verdict.deciding()),
        verdict.ruleVersion(),
        verdict.matches().stream().map(Match::of).toList(),
        denylist.toolVisible(call.name(), connection, callerGroups, fallback),
        fallback.wireName(),
        call.argumentsSha256());
  }

  /**
   * The arguments typed into the box: one JSON value; empty means {@code {}}, as an MCP call
   * without arguments. Nothing when the text is not JSON.
   */
  static Optional<JsonValue> arguments(String text) {
    if (text == null || text.isBlank()) {
      return Optional.of(JsonValue.EMPTY_JSON_OBJECT);
    }
    // A parser, not a reader: Parsson's reader stops after the first value and ignores the rest.
    try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(text))) {
      parser.next();
      JsonValue value = parser.getValue();
      return parser.hasNext() ? Optional.empty() : Optional.of(value);
    } catch (RuntimeException e) {
      // Not JSON, more than one value, or nested past Parsson's depth guard (a bare exception).
      return Optional.empty();
    }
  }
}
