package dev.gatehouse.api.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.platform.Jsonp;
import dev.gatehouse.policy.InvalidPolicyRule;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class PolicyRuleJsonTest {

  @Test
  void anUnknownConstantNamesItsFieldAndTheChoicesNotAJavaClass() {
    InvalidPolicyRule invalid =
        catchThrowableOfType(
            InvalidPolicyRule.class,
            () -> PolicyRuleJson.read(json("{\"name\":\"n\",\"target\":\"BODDY\"}")));

    assertThat(invalid.field()).isEqualTo("target");
    assertThat(invalid.fault()).contains("BODY").doesNotContain("dev.gatehouse");
  }

  @Test
  void aMissingTargetAndAMemberOfTheWrongKindNameTheirFields() {
    assertThat(
            catchThrowableOfType(
                    InvalidPolicyRule.class, () -> PolicyRuleJson.read(json("{\"name\":\"n\"}")))
                .field())
        .isEqualTo("target");
    assertThat(
            catchThrowableOfType(
                    InvalidPolicyRule.class,
                    () -> PolicyRuleJson.read(json("{\"name\":1,\"target\":\"BODY\"}")))
                .field())
        .isEqualTo("name");
    assertThat(
            catchThrowableOfType(
                    InvalidPolicyRule.class,
                    () ->
                        PolicyRuleJson.read(
                            json("{\"name\":\"n\",\"target\":\"BODY\",\"approvalsRequired\":0}")))
                .field())
        .isEqualTo("approvalsRequired");
  }

  @Test
  void aRuleInADocumentNamesItsPlaceInFieldAndDetail() {
    InvalidPolicyRule invalid =
        catchThrowableOfType(
                InvalidPolicyRule.class, () -> PolicyRuleJson.read(json("{\"name\":\"n\"}")))
            .at("policies[3]");

    assertThat(invalid.field()).isEqualTo("policies[3].target");
    assertThat(invalid.getMessage()).startsWith("policies[3]: ");
    assertThat(invalid.fault()).doesNotContain("policies[3]");
  }

  private static JsonObject json(String text) {
    try (var reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
