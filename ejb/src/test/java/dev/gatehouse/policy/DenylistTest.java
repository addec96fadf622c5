package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DenylistTest {

  private static PolicyRule rule(
      String name, RuleTarget target, String selector, String pattern, MatchKind kind) {
    PolicyRule rule = new PolicyRule();
    rule.setName(name);
    rule.setTarget(target);
    rule.setSelector(selector);
    rule.setPattern(pattern);
    rule.setMatchKind(kind);
    rule.setAction(RuleAction.BLOCK);
    rule.setMessage("no " + name);
    return rule;
  }

  private static RequestSample post(String path, String body) {
    return new RequestSample(
        "POST",
        path,
        null,
        Map.of("x-tool", List.of("shell")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static Evaluation evaluate(PolicyRule rule, RequestSample sample) {
    return Denylist.evaluate(List.of(CompiledRule.compile(rule)), sample, "demo");
  }

  private static boolean blocks(PolicyRule rule, String body) {
    return evaluate(rule, post("/v1/chat/completions", body)).deciding().isPresent();
  }

  private final PolicyRule rmRf =
      rule("rm-rf", RuleTarget.BODY, null, "rm -rf /", MatchKind.LITERAL);

  @Test
  void blocksRequestWhenBodyContainsTheLiteral() {
    assertThat(blocks(rmRf, "{\"prompt\":\"please run rm -rf / now\"}")).isTrue();
    assertThat(blocks(rmRf, "{\"prompt\":\"please list files\"}")).isFalse();
  }

  @Test
  void catchesFullWidthLetters() {
    assertThat(blocks(rmRf, "{\"prompt\":\"run ｒｍ －ｒｆ ／ now\"}")).isTrue();
  }

  @Test
  void catchesPercentEncodingIncludingDoubleEncoding() {
    assertThat(blocks(rmRf, "prompt=run%20rm%20-rf%20%2F")).isTrue();
    assertThat(blocks(rmRf, "prompt=run%2520rm%2520-rf%2520%252F")).isTrue();
  }

  @Test
  void catchesZeroWidthAndFormatCharacters() {
    assertThat(blocks(rmRf, "{\"prompt\":\"r\u200Bm\u200D -\u00ADrf \u2060/\"}")).isTrue();
    assertThat(blocks(rmRf, "{\"prompt\":\"\uFEFFrm -rf /\"}")).isTrue();
  }

  @Test
  void catchesJsonEscapes() {
    assertThat(blocks(rmRf, "{\"prompt\":\"\\u0072\\u006d -rf \\/\"}")).isTrue();
  }

  @Test
  void foldsCaseOnlyWhenTheRuleAsks() {
    assertThat(blocks(rmRf, "{\"p\":\"RM -RF /\"}")).isTrue();
    rmRf.setCaseInsensitive(false);
    assertThat(blocks(rmRf, "{\"p\":\"RM -RF /\"}")).isFalse();
    assertThat(blocks(rmRf, "{\"p\":\"rm -rf /\"}")).isTrue();
  }

  @Test
  void matchesRegexInLinearTimeEvenForCatastrophicPatterns() {
    PolicyRule catastrophic = rule("redos", RuleTarget.BODY, null, "(a+)+$", MatchKind.REGEX);
    catastrophic.setCaseInsensitive(false);
    String attack = "a".repeat(100_000) + "!";
    long started = System.nanoTime();
    boolean blocked = blocks(catastrophic, attack);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(blocked).isFalse();
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    assertThat(blocks(catastrophic, "aaaa")).isTrue();
  }

  @Test
  void matchesJsonPointerWithWildcards() {
    PolicyRule onContent =
        rule(
            "content",
            RuleTarget.JSON_POINTER,
            "/messages/*/content",
            "drop table",
            MatchKind.LITERAL);
    assertThat(
            blocks(
                onContent,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                    + "{\"role\":\"user\",\"content\":\"DROP TABLE users\"}]}"))
        .isTrue();
    assertThat(blocks(onContent, "{\"model\":\"drop table\",\"messages\":[]}")).isFalse();
  }

  @Test
  void aBlockingPointerRuleThatCannotReadTheBodyBlocks() {
    PolicyRule onContent =
        rule("content", RuleTarget.JSON_POINTER, "/prompt", "x", MatchKind.LITERAL);
    Evaluation evaluation = evaluate(onContent, post("/v1/x", "not json"));
    assertThat(evaluation.deciding()).isPresent();
    assertThat(evaluation.deciding().get().action()).isEqualTo("BLOCK");
    assertThat(evaluation.deciding().get().where()).isEqualTo("body:not-evaluated");
  }

  @Test
  void aHoldingPointerRuleThatCannotReadTheBodyHoldsWithItsReviewerCount() {
    PolicyRule onContent =
        rule("content", RuleTarget.JSON_POINTER, "/prompt", "x", MatchKind.LITERAL);
    onContent.setAction(RuleAction.REQUIRE_APPROVAL);
    onContent.setApprovalsRequired(2);
    Evaluation evaluation = evaluate(onContent, post("/v1/x", "{\"prompt\": unquoted}"));
    assertThat(evaluation.deciding()).isPresent();
    assertThat(evaluation.deciding().get().action()).isEqualTo("REQUIRE_APPROVAL");
    assertThat(evaluation.deciding().get().approvalsRequired()).isEqualTo(2);
  }

  @Test
  void aWarningPointerRuleThatCannotReadTheBodyIsRecordedAsNotEvaluated() {
    PolicyRule onContent =
        rule("content", RuleTarget.JSON_POINTER, "/prompt", "x", MatchKind.LITERAL);
    onContent.setAction(RuleAction.WARN);
    Evaluation evaluation = evaluate(onContent, post("/v1/x", "not json"));
    assertThat(evaluation.deciding()).isEmpty();
    assertThat(evaluation.matches()).extracting(RuleMatch::action).containsExactly("NOT_EVALUATED");
  }

  @Test
  void matchesPathGlobsOnThePathALenientBackendReads() {
    PolicyRule reset =
        rule("reset", RuleTarget.PATH_GLOB, null, "/v1/admin/reset", MatchKind.LITERAL);
    for (String evasive :
        List.of(
            "/v1/admin;x/reset",
            "/v1//admin/reset",
            "/v1/admin/reset/",
            "/v1/admin/reset;jsessionid=1",
            "/v1\\admin\\reset",
            "/v1/%2F/admin/reset",
            "//v1///admin//reset//")) {
      assertThat(evaluate(reset, post(evasive, "")).deciding()).as(evasive).isPresent();
    }
    assertThat(evaluate(reset, post("/v1/admin/resets", "")).deciding()).isEmpty();
  }

  @Test
  void matchesPathGlobsOnTheDecodedPath() {
    PolicyRule admin = rule("admin", RuleTarget.PATH_GLOB, null, "/admin/**", MatchKind.LITERAL);
    assertThat(evaluate(admin, post("/admin/users/1", "")).deciding()).isPresent();
    assertThat(evaluate(admin, post("/%61dmin/users", "")).deciding()).isPresent();
    assertThat(evaluate(admin, post("/ADMIN/x", "")).deciding()).isPresent();
    assertThat(evaluate(admin, post("/v1/admin", "")).deciding()).isEmpty();
    PolicyRule oneLevel =
        rule("one", RuleTarget.PATH_GLOB, null, "/v1/*/delete", MatchKind.LITERAL);
    assertThat(evaluate(oneLevel, post("/v1/files/delete", "")).deciding()).isPresent();
    assertThat(evaluate(oneLevel, post("/v1/a/b/delete", "")).deciding()).isEmpty();
  }

  @Test
  void matchesMethodsAndHeaders() {
    PolicyRule delete = rule("delete", RuleTarget.METHOD, null, "DELETE|PUT", MatchKind.REGEX);
    assertThat(evaluate(delete, post("/x", "")).deciding()).isEmpty();
    PolicyRule shell = rule("shell", RuleTarget.HEADER, "X-Tool", "ｓｈｅｌｌ", MatchKind.LITERAL);
    Evaluation evaluation = evaluate(shell, post("/x", ""));
    assertThat(evaluation.deciding()).isPresent();
    assertThat(evaluation.matches().get(0).where()).isEqualTo("header:x-tool");
  }

  @Test
  void scopesRulesToTheirConnection() {
    rmRf.setConnectionName("other");
    assertThat(blocks(rmRf, "rm -rf /")).isFalse();
    rmRf.setConnectionName("demo");
    assertThat(blocks(rmRf, "rm -rf /")).isTrue();
  }

  @Test
  void blockWinsOverApprovalAndWarnings() {
    PolicyRule warn = rule("warn", RuleTarget.BODY, null, "rm", MatchKind.LITERAL);
    warn.setAction(RuleAction.WARN);
    PolicyRule approval = rule("approve", RuleTarget.BODY, null, "-rf", MatchKind.LITERAL);
    approval.setAction(RuleAction.REQUIRE_APPROVAL);
    Evaluation evaluation =
        Denylist.evaluate(
            List.of(
                CompiledRule.compile(warn),
                CompiledRule.compile(approval),
                CompiledRule.compile(rmRf)),
            post("/x", "rm -rf /"),
            "demo");
    assertThat(evaluation.matches()).hasSize(3);
    assertThat(evaluation.deciding()).map(RuleMatch::ruleName).contains("rm-rf");
  }

  @Test
  void refusesInvalidRules() {
    assertThatThrownBy(
            () -> CompiledRule.compile(rule("bad", RuleTarget.BODY, null, "(a", MatchKind.REGEX)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                CompiledRule.compile(
                    rule("lookbehind", RuleTarget.BODY, null, "(?<=a)b", MatchKind.REGEX)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                CompiledRule.compile(
                    rule("pointer", RuleTarget.JSON_POINTER, "prompt", "x", MatchKind.LITERAL)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
