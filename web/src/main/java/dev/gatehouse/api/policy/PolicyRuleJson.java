package dev.gatehouse.api.policy;

import dev.gatehouse.platform.Jsonp;
import dev.gatehouse.policy.InvalidPolicyRule;
import dev.gatehouse.policy.MatchKind;
import dev.gatehouse.policy.PolicyRule;
import dev.gatehouse.policy.RuleAction;
import dev.gatehouse.policy.RuleTarget;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The JSON form of a policy rule, both ways. */
final class PolicyRuleJson {

  private PolicyRuleJson() {}

  static JsonObject write(PolicyRule rule) {
    JsonObjectBuilder b =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("id", rule.getId())
            .add("name", rule.getName())
            .add("target", rule.getTarget().name())
            .add("pattern", rule.getPattern())
            .add("matchKind", rule.getMatchKind().name())
            .add("caseInsensitive", rule.isCaseInsensitive())
            .add("action", rule.getAction().name())
            .add("enabled", rule.isEnabled())
            .add("createdAt", rule.getCreatedAt().toString())
            .add("updatedAt", rule.getUpdatedAt().toString())
            .add("version", rule.getVersion());
    nullable(b, "connection", rule.getConnectionName());
    nullable(b, "selector", rule.getSelector());
    nullable(b, "message", rule.getMessage());
    if (rule.getApprovalsRequired() != null) {
      b.add("approvalsRequired", rule.getApprovalsRequired());
    }
    if (rule.getTarget() == RuleTarget.TOOL) {
      JsonArrayBuilder groups = Jsonp.PROVIDER.createArrayBuilder();
      rule.getCallerGroups().forEach(groups::add);
      b.add("callerGroups", groups);
      nullable(b, "argumentPointer", rule.getArgumentPointer());
    }
    return b.build();
  }

  /**
   * Reads a rule's settings.
   *
   * @throws InvalidPolicyRule when a field is missing or of the wrong kind
   */
  static PolicyRule read(JsonObject json) {
    PolicyRule rule = new PolicyRule();
    rule.setName(string(json, "name", null));
    rule.setConnectionName(string(json, "connection", null));
    rule.setTarget(constant(RuleTarget.class, string(json, "target", null), "target"));
    rule.setSelector(string(json, "selector", null));
    // A TOOL rule without a pattern holds for every call of the tools it names.
    rule.setPattern(string(json, "pattern", rule.getTarget() == RuleTarget.TOOL ? "" : null));
    rule.setMatchKind(constant(MatchKind.class, string(json, "matchKind", "LITERAL"), "matchKind"));
    rule.setCaseInsensitive(json.getBoolean("caseInsensitive", true));
    rule.setAction(constant(RuleAction.class, string(json, "action", "BLOCK"), "action"));
    rule.setMessage(string(json, "message", null));
    rule.setEnabled(json.getBoolean("enabled", true));
    rule.setApprovalsRequired(approvals(json));
    rule.setCallerGroups(groups(json));
    rule.setArgumentPointer(string(json, "argumentPointer", null));
    return rule;
  }

  private static List<String> groups(JsonObject json) {
    JsonValue value = json.get("callerGroups");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)
        || array.size() > 32
        || !array.stream()
            .allMatch(
                g ->
                    g instanceof JsonString s
                        && !s.getString().isBlank()
                        && s.getString().length() <= 255
                        && s.getString().indexOf(',') < 0)) {
      throw new InvalidPolicyRule(
          "callerGroups",
          "The field callerGroups must be an array of at most 32 group names without commas.");
    }
    return array.getValuesAs(JsonString.class).stream().map(s -> s.getString().strip()).toList();
  }

  private static Integer approvals(JsonObject json) {
    JsonValue value = json.get("approvalsRequired");
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (value.getValueType() != JsonValue.ValueType.NUMBER
        || !((JsonNumber) value).isIntegral()
        || ((JsonNumber) value).intValue() < 1
        || ((JsonNumber) value).intValue() > 10) {
      throw new InvalidPolicyRule(
          "approvalsRequired", "The field approvalsRequired must be a whole number 1-10.");
    }
    return ((JsonNumber) value).intValue();
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String value, String field) {
    if (value == null) {
      throw new InvalidPolicyRule(field, "The field " + field + " is required.");
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidPolicyRule(
          field,
          "The field "
              + field
              + " must be one of "
              + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())
              + ".");
    }
  }

  private static String string(JsonObject json, String name, String fallback) {
    JsonValue value = json.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return fallback;
    }
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw new InvalidPolicyRule(name, "The field " + name + " must be a string.");
    }
    return json.getString(name);
  }

  private static void nullable(JsonObjectBuilder b, String name, String value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value);
    }
  }
}
