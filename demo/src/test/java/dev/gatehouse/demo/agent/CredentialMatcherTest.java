package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import org.junit.jupiter.api.Test;

class CredentialMatcherTest {

  private final CredentialMatcher matcher = new CredentialMatcher("s3cret");

  private static Headers authorization(String... values) {
    Headers headers = new Headers();
    for (String value : values) {
      headers.add("Authorization", value);
    }
    return headers;
  }

  @Test
  void matchesBearerCredentialWithAnySchemeCase() {
    assertThat(matcher.classify(authorization("Bearer s3cret")))
        .isEqualTo(AuthorizationOutcome.MATCHES_CREDENTIAL);
    assertThat(matcher.classify(authorization("bearer s3cret")))
        .isEqualTo(AuthorizationOutcome.MATCHES_CREDENTIAL);
  }

  @Test
  void reportsMissingHeaderAsAbsent() {
    assertThat(matcher.classify(new Headers())).isEqualTo(AuthorizationOutcome.ABSENT);
  }

  @Test
  void reportsWrongOrMalformedCredentialsAsMismatch() {
    assertThat(matcher.classify(authorization("Bearer s3cre")))
        .isEqualTo(AuthorizationOutcome.MISMATCH);
    assertThat(matcher.classify(authorization("Bearer s3cretX")))
        .isEqualTo(AuthorizationOutcome.MISMATCH);
    assertThat(matcher.classify(authorization("s3cret"))).isEqualTo(AuthorizationOutcome.MISMATCH);
    assertThat(matcher.classify(authorization("Bearer s3cret", "Bearer s3cret")))
        .isEqualTo(AuthorizationOutcome.MISMATCH);
  }

  @Test
  void refusesAnEmptyCredential() {
    assertThatThrownBy(() -> new CredentialMatcher("  "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
