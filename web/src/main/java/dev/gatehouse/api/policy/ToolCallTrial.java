package dev.gatehouse.api.policy;

import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.connection.AgentSettings.ToolDefault;
import dev.gatehouse.platform.Jsonp;
import dev.gatehouse.policy.Denylist;
import dev.gatehouse.policy.InvalidPolicyRule;
import dev.gatehouse.policy.ToolVerdict;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The test endpoint's {@code toolCall} member: one sample tool call judged by the tool rules
 * exactly as the data path judges a call ({@link Denylist#judgeTool}), and whether the tool would
 * be listed to such a caller ({@link Denylist#toolVisible}). Nothing is forwarded or stored.
 */
final class ToolCallTrial {

  /** The longest tool name an approval can be bound to. */
  private static final int MAX_TOOL_NAME = 128;

  private ToolCallTrial() {}

  /** A sample call and the groups of the caller making it. */
  record Sample(ToolCall call, Set<String> callerGroups) {}

  /**
   * Reads {@code {"tool":"delete_records","arguments":{…},"callerGroups":["demo-users"]}}; missing
   * arguments are {@code {}}, as in an MCP call without them.
   *
   * @throws InvalidPolicyRule when a field is missing or of the wrong kind
   */
  static Sample read(JsonObject member) {
    if (!(member.get("tool") instanceof JsonString tool)
        || tool.getString().isBlank()
        || tool.getString().length() > MAX_TOOL_NAME) {
      throw new InvalidPolicyRule(
          "toolCall.tool",
          "The field toolCall.tool must name the tool (at most " + MAX_TOOL_NAME + " characters).");
    }
    JsonValue arguments = member.get("arguments");
    if (arguments == null || arguments.getValueType() == JsonValue.ValueType.NULL) {
      arguments = JsonValue.EMPTY_JSON_OBJECT;
    }
    return new Sample(ToolCall.of(tool.getString(), arguments), groups(member.get("callerGroups")));
  }

  private static Set<String> groups(JsonValue value) {
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Set.of();
    }
    if (!(value instanceof JsonArray array)
        || !array.stream().allMatch(g -> g instanceof JsonString s && !s.getString().isBlank())) {
      throw new InvalidPolicyRule(
          "toolCall.callerGroups",
          "The field toolCall.callerGroups must be an array of group names.");
    }
    Set<String> groups = new LinkedHashSet<>();
    array.getValuesAs(JsonString.class).forEach(s -> groups.add(s.getString().strip()));
    return groups;
  }

  /**
   * The verdict as {@code {"effect", "decidingRule"?, "matches", "visible", "toolDefault",
   * "argumentsSha256"}}; without {@code decidingRule} the connection's tool default decided.
   */
  static JsonObject judge(
      Denylist denylist, Sample sample, String connection, ToolDefault fallback) {
    ToolVerdict verdict =
        denylist.judgeTool(sample.call(), connection, sample.callerGroups(), fallback);
    JsonObjectBuilder out =
        Jsonp.PROVIDER.createObjectBuilder().add("effect", verdict.effect().name());
    if (verdict.deciding() != null) {
      out.add(
          "decidingRule",
          PolicyResource.match(verdict.deciding()).add("ruleVersion", verdict.ruleVersion()));
    }
    JsonArrayBuilder matches = Jsonp.PROVIDER.createArrayBuilder();
    verdict.matches().forEach(m -> matches.add(PolicyResource.match(m)));
    return out.add("matches", matches)
        .add(
            "visible",
            denylist.toolVisible(sample.call().name(), connection, sample.callerGroups(), fallback))
        .add("toolDefault", fallback.wireName())
        .add("argumentsSha256", sample.call().argumentsSha256())
        .build();
  }
}
