package dev.gatehouse.console.policies;

import static dev.gatehouse.policy.FixedToolRules.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.agent.CanonicalJson;
import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.connection.AgentSettings.ToolDefault;
import dev.gatehouse.policy.FixedToolRules;
import dev.gatehouse.policy.PolicyRule;
import dev.gatehouse.policy.RuleAction;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolTrialTest {

  private static final FixedToolRules RULES = rules();

  private static FixedToolRules rules() {
    PolicyRule approve = tool("approve-deletes", "delete_*", RuleAction.REQUIRE_APPROVAL);
    approve.setCallerGroups(List.of("demo-users"));
    PolicyRule deny = tool("no-drop", "drop_*", RuleAction.BLOCK);
    return new FixedToolRules(approve, deny);
  }

  private static ToolTrial judge(String tool, String arguments, String groups, ToolDefault d) {
    ToolCall call = ToolCall.of(tool, ToolTrial.arguments(arguments).orElseThrow());
    return ToolTrial.judge(RULES, call, "demo", Set.copyOf(GroupNames.parse(groups)), d);
  }

  @Test
  void showsTheRuleThatHoldsACallAndThatTheToolIsStillListed() throws Exception {
    ToolTrial held =
        judge("delete_records", "{\"ids\": [1, 2]}", "demo-users, ops", ToolDefault.ALLOW);

    assertThat(held.effect()).isEqualTo("APPROVE");
    assertThat(held.deciding().ruleName()).isEqualTo("approve-deletes");
    assertThat(held.matches())
        .extracting(ToolTrial.Match::action)
        .containsExactly("REQUIRE_APPROVAL");
    assertThat(held.visible()).isTrue();
    assertThat(held.argumentsSha256())
        .isEqualTo(CanonicalJson.sha256(ToolTrial.arguments("{\"ids\":[1,2]}").orElseThrow()));
    // The view keeps the result between requests.
    new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(held);
  }

  @Test
  void aCallNoRuleDecidesGetsTheDefaultAndADeniedToolIsNotListed() {
    ToolTrial other = judge("delete_records", "", "ops", ToolDefault.DENY);
    assertThat(other.effect()).isEqualTo("DENY");
    assertThat(other.deciding()).isNull();
    assertThat(other.toolDefault()).isEqualTo("deny");
    assertThat(other.visible()).isFalse();

    ToolTrial dropped = judge("drop_table", "{}", "", ToolDefault.ALLOW);
    assertThat(dropped.effect()).isEqualTo("DENY");
    assertThat(dropped.deciding().ruleName()).isEqualTo("no-drop");
    assertThat(dropped.visible()).isFalse();

    assertThat(judge("search", "{}", "", ToolDefault.ALLOW).effect()).isEqualTo("ALLOW");
  }

  @Test
  void readsEmptyArgumentsAsAnEmptyObjectAndRefusesWhatIsNotOneJsonValue() {
    assertThat(ToolTrial.arguments(" ")).contains(JsonValue.EMPTY_JSON_OBJECT);
    assertThat(ToolTrial.arguments("\"just text\"")).isPresent();
    assertThat(ToolTrial.arguments(" {\"a\": 1}\n")).isPresent();
    assertThat(ToolTrial.arguments("{\"a\":")).isEmpty();
    assertThat(ToolTrial.arguments("{} {}")).isEmpty();
    assertThat(ToolTrial.arguments("[".repeat(5000) + "]".repeat(5000))).isEmpty();
  }
}
