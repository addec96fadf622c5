package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.connection.AgentSettings.ToolDefault;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolRulesTest {

  private static PolicyRule tool(String name, String glob, RuleAction action) {
    PolicyRule rule = new PolicyRule();
    rule.setName(name);
    rule.setTarget(RuleTarget.TOOL);
    rule.setSelector(glob);
    rule.setPattern("");
    rule.setMatchKind(MatchKind.LITERAL);
    rule.setAction(action);
    return rule;
  }

  private static ToolCall call(String name, String argumentsJson) {
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(argumentsJson))) {
      return ToolCall.of(name, reader.readValue());
    }
  }

  private static ToolVerdict judge(
      List<PolicyRule> rules, ToolCall call, Set<String> groups, ToolDefault fallback) {
    return Denylist.judgeTool(
        rules.stream().map(CompiledRule::compile).toList(), call, "demo", groups, fallback);
  }

  @Test
  void denyBeatsApproveBeatsAllowAndTheDefaultDecidesTheRest() {
    List<PolicyRule> rules =
        List.of(
            tool("allow-all", "*", RuleAction.ALLOW),
            tool("approve-deletes", "delete_*", RuleAction.REQUIRE_APPROVAL),
            tool("deny-drop", "delete_all", RuleAction.BLOCK));
    assertThat(judge(rules, call("delete_all", "{}"), Set.of(), ToolDefault.ALLOW).effect())
        .isEqualTo(ToolVerdict.Effect.DENY);
    ToolVerdict held = judge(rules, call("delete_records", "{}"), Set.of(), ToolDefault.ALLOW);
    assertThat(held.effect()).isEqualTo(ToolVerdict.Effect.APPROVE);
    assertThat(held.deciding().ruleName()).isEqualTo("approve-deletes");
    assertThat(judge(rules, call("calculator", "{}"), Set.of(), ToolDefault.DENY).effect())
        .isEqualTo(ToolVerdict.Effect.ALLOW);
    ToolVerdict unnamed = judge(List.of(), call("calculator", "{}"), Set.of(), ToolDefault.DENY);
    assertThat(unnamed.effect()).isEqualTo(ToolVerdict.Effect.DENY);
    assertThat(unnamed.deciding()).isNull();
  }

  @Test
  void aRuleForSomeGroupsLeavesOtherCallersAlone() {
    PolicyRule deny = tool("no-deletes-for-users", "delete_records", RuleAction.BLOCK);
    deny.setCallerGroups(List.of("demo-users"));
    assertThat(
            judge(
                    List.of(deny),
                    call("delete_records", "{}"),
                    Set.of("demo-users"),
                    ToolDefault.ALLOW)
                .effect())
        .isEqualTo(ToolVerdict.Effect.DENY);
    assertThat(
            judge(List.of(deny), call("delete_records", "{}"), Set.of("ops"), ToolDefault.ALLOW)
                .effect())
        .isEqualTo(ToolVerdict.Effect.ALLOW);
  }

  @Test
  void argumentConditionsLookAtTheCanonicalArgumentsOrTheValueAtAPointer() {
    PolicyRule anyArgs = tool("no-prod", "run_*", RuleAction.BLOCK);
    anyArgs.setPattern("prod");
    PolicyRule pointer = tool("no-rm", "shell", RuleAction.BLOCK);
    pointer.setPattern("^rm\\s+-rf");
    pointer.setMatchKind(MatchKind.REGEX);
    pointer.setArgumentPointer("/cmd");
    List<PolicyRule> rules = List.of(anyArgs, pointer);
    assertThat(
            judge(rules, call("run_query", "{\"db\":\"PROD\"}"), Set.of(), ToolDefault.ALLOW)
                .effect())
        .as("case-insensitive by default")
        .isEqualTo(ToolVerdict.Effect.DENY);
    assertThat(
            judge(rules, call("run_query", "{\"db\":\"dev\"}"), Set.of(), ToolDefault.ALLOW)
                .effect())
        .isEqualTo(ToolVerdict.Effect.ALLOW);
    // The re-spelled argument (an escape) is the same canonical value: still denied.
    assertThat(
            judge(rules, call("shell", "{\"cmd\":\"\\u0072m -rf /\"}"), Set.of(), ToolDefault.ALLOW)
                .effect())
        .isEqualTo(ToolVerdict.Effect.DENY);
    assertThat(
            judge(
                    rules,
                    call("shell", "{\"note\":\"rm -rf\",\"cmd\":\"ls\"}"),
                    Set.of(),
                    ToolDefault.ALLOW)
                .effect())
        .as("the pointer looks at /cmd only")
        .isEqualTo(ToolVerdict.Effect.ALLOW);
    assertThat(
            judge(rules, new ToolCall("shell", "digest-only"), Set.of(), ToolDefault.ALLOW)
                .effect())
        .as("arguments unknown: only rules without a condition can match")
        .isEqualTo(ToolVerdict.Effect.ALLOW);
  }

  @Test
  void aToolIsHiddenOnlyWhenEveryCallOfItIsDenied() {
    PolicyRule conditional = tool("no-prod", "run_query", RuleAction.BLOCK);
    conditional.setPattern("prod");
    List<CompiledRule> rules =
        List.of(
                tool("deny-delete", "delete_*", RuleAction.BLOCK),
                conditional,
                tool("approve-export", "export", RuleAction.REQUIRE_APPROVAL))
            .stream()
            .map(CompiledRule::compile)
            .toList();
    assertThat(Denylist.toolVisible(rules, "delete_records", "demo", Set.of(), ToolDefault.ALLOW))
        .isFalse();
    assertThat(Denylist.toolVisible(rules, "run_query", "demo", Set.of(), ToolDefault.ALLOW))
        .isTrue();
    assertThat(Denylist.toolVisible(rules, "calculator", "demo", Set.of(), ToolDefault.DENY))
        .isFalse();
    assertThat(Denylist.toolVisible(rules, "export", "demo", Set.of(), ToolDefault.DENY)).isTrue();
  }

  @Test
  void onlyToolRulesAllowAndTakeGroupsOrPointers() {
    PolicyRule allowPath = new PolicyRule();
    allowPath.setName("allow-path");
    allowPath.setTarget(RuleTarget.PATH_GLOB);
    allowPath.setPattern("/x");
    allowPath.setMatchKind(MatchKind.LITERAL);
    allowPath.setAction(RuleAction.ALLOW);
    assertThatThrownBy(() -> CompiledRule.compile(allowPath))
        .hasMessageContaining("Only a TOOL rule can ALLOW");
    PolicyRule noGlob = tool("no-glob", "", RuleAction.BLOCK);
    assertThatThrownBy(() -> CompiledRule.compile(noGlob)).hasMessageContaining("selector");
  }
}
