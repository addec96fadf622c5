package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryRedactionTest {

  @Test
  void blanksCredentialParametersAndKeepsTheRest() {
    assertThat(QueryRedaction.redact("page=2&access_token=eyJabc&API_KEY=sk-1&q=x%20y"))
        .isEqualTo("page=2&access_token=[REDACTED]&API_KEY=[REDACTED]&q=x%20y");
  }

  @Test
  void leavesQueriesWithoutCredentialsAlone() {
    assertThat(QueryRedaction.redact("a=1&b&c=")).isEqualTo("a=1&b&c=");
    assertThat(QueryRedaction.redact(null)).isNull();
  }
}
