package dev.gatehouse.api.policy;

import static dev.gatehouse.policy.FixedToolRules.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.agent.CanonicalJson;
import dev.gatehouse.connection.AgentSettings.ToolDefault;
import dev.gatehouse.platform.Jsonp;
import dev.gatehouse.policy.FixedToolRules;
import dev.gatehouse.policy.PolicyRule;
import dev.gatehouse.policy.RuleAction;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCallTrialTest {

  private static JsonObject json(String text) {
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static final FixedToolRules RULES = rules();

  private static FixedToolRules rules() {
    PolicyRule approve = tool("approve-deletes", "delete_*", RuleAction.REQUIRE_APPROVAL);
    approve.setCallerGroups(List.of("demo-users"));
    PolicyRule deny = tool("no-prod", "run_*", RuleAction.BLOCK);
    deny.setPattern("prod");
    deny.setArgumentPointer("/env");
    PolicyRule warn = tool("watch-runs", "run_*", RuleAction.WARN);
    return new FixedToolRules(approve, deny, warn);
  }

  private static JsonObject judge(String toolCall, ToolDefault fallback) {
    return ToolCallTrial.judge(RULES, ToolCallTrial.read(json(toolCall)), "demo", fallback);
  }

  @Test
  void aCallARuleHoldsIsApprovedByThatRuleAndStillListed() {
    JsonObject verdict =
        judge(
            "{\"tool\":\"delete_records\",\"arguments\":{\"ids\":[1,2]},"
                + "\"callerGroups\":[\"demo-users\"]}",
            ToolDefault.ALLOW);

    assertThat(verdict.getString("effect")).isEqualTo("APPROVE");
    assertThat(verdict.getJsonObject("decidingRule").getString("ruleName"))
        .isEqualTo("approve-deletes");
    assertThat(verdict.getJsonObject("decidingRule").getInt("ruleVersion")).isZero();
    assertThat(verdict.getJsonArray("matches")).hasSize(1);
    assertThat(verdict.getBoolean("visible")).isTrue();
    assertThat(verdict.getString("toolDefault")).isEqualTo("allow");
    assertThat(verdict.getString("argumentsSha256"))
        .isEqualTo(CanonicalJson.sha256(json("{\"ids\":[1,2]}")));
  }

  @Test
  void aCallerOutsideTheRulesGroupsGetsTheConnectionsDefault() {
    JsonObject verdict =
        judge("{\"tool\":\"delete_records\",\"callerGroups\":[\"ops\"]}", ToolDefault.DENY);

    assertThat(verdict.getString("effect")).isEqualTo("DENY");
    assertThat(verdict.containsKey("decidingRule")).isFalse();
    assertThat(verdict.getJsonArray("matches")).isEmpty();
    assertThat(verdict.getBoolean("visible")).isFalse();
    assertThat(verdict.getString("toolDefault")).isEqualTo("deny");
    // No arguments: digested as {}, as an MCP call without them.
    assertThat(verdict.getString("argumentsSha256")).isEqualTo(CanonicalJson.sha256(json("{}")));
  }

  @Test
  void anArgumentConditionDeniesOnlyTheCallsItMatchesAndWarningsAreListed() {
    JsonObject denied =
        judge("{\"tool\":\"run_job\",\"arguments\":{\"env\":\"prod\"}}", ToolDefault.ALLOW);
    assertThat(denied.getString("effect")).isEqualTo("DENY");
    assertThat(denied.getJsonObject("decidingRule").getString("ruleName")).isEqualTo("no-prod");
    assertThat(denied.getJsonObject("decidingRule").getString("where"))
        .isEqualTo("tool:run_job:/env");
    assertThat(denied.getJsonArray("matches")).hasSize(2);
    // Some calls of it are allowed, so it stays listed.
    assertThat(denied.getBoolean("visible")).isTrue();

    JsonObject allowed =
        judge("{\"tool\":\"run_job\",\"arguments\":{\"env\":\"test\"}}", ToolDefault.ALLOW);
    assertThat(allowed.getString("effect")).isEqualTo("ALLOW");
    assertThat(allowed.containsKey("decidingRule")).isFalse();
    assertThat(allowed.getJsonArray("matches").getJsonObject(0).getString("action"))
        .isEqualTo("WARN");
  }

  @Test
  void refusesAToolCallWithoutAToolOrWithGroupsThatAreNotNames() {
    assertThatThrownBy(() -> ToolCallTrial.read(json("{\"arguments\":{}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toolCall.tool");
    assertThatThrownBy(() -> ToolCallTrial.read(json("{\"tool\":\"x\",\"callerGroups\":\"ops\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toolCall.callerGroups");
  }
}
