package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class InvalidPolicyRuleTest {

  private static PolicyRule rule(RuleTarget target, String selector, String pattern) {
    PolicyRule rule = new PolicyRule();
    rule.setName("r");
    rule.setTarget(target);
    rule.setSelector(selector);
    rule.setPattern(pattern);
    rule.setMatchKind(MatchKind.LITERAL);
    rule.setAction(RuleAction.BLOCK);
    return rule;
  }

  private static InvalidPolicyRule refusal(PolicyRule rule) {
    return catchThrowableOfType(InvalidPolicyRule.class, () -> CompiledRule.compile(rule));
  }

  @Test
  void aRuleThatDoesNotCompileNamesTheFieldAtFault() {
    PolicyRule lookBehind = rule(RuleTarget.BODY, null, "(?<=x)y");
    lookBehind.setMatchKind(MatchKind.REGEX);
    assertThat(refusal(lookBehind).field()).isEqualTo("pattern");

    assertThat(refusal(rule(RuleTarget.TOOL, null, "")).field()).isEqualTo("selector");
    assertThat(refusal(rule(RuleTarget.JSON_POINTER, "messages", "x")).field())
        .isEqualTo("selector");
    assertThat(refusal(rule(RuleTarget.BODY, null, "")).field()).isEqualTo("pattern");

    PolicyRule allow = rule(RuleTarget.BODY, null, "x");
    allow.setAction(RuleAction.ALLOW);
    assertThat(refusal(allow).field()).isEqualTo("action");

    PolicyRule unnamed = rule(RuleTarget.BODY, null, "x");
    unnamed.setName(" ");
    assertThat(refusal(unnamed).field()).isEqualTo("name");
  }

  @Test
  void inADocumentTheFieldAndTheDetailNameThePlaceTheFaultDoesNot() {
    InvalidPolicyRule invalid =
        new InvalidPolicyRule("action", "Only a TOOL rule can ALLOW.").at("policies[1]");

    assertThat(invalid.field()).isEqualTo("policies[1].action");
    assertThat(invalid.getMessage()).isEqualTo("policies[1]: Only a TOOL rule can ALLOW.");
    assertThat(invalid.fault()).isEqualTo("Only a TOOL rule can ALLOW.");
    assertThat(new InvalidPolicyRule("", "The entry is not an object.").at("policies[0]").field())
        .isEqualTo("policies[0]");
    assertThat(invalid).isInstanceOf(IllegalArgumentException.class);
  }
}
