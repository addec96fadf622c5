package dev.gatehouse.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IfMatchTest {

  @Test
  void withoutAPreconditionTheChangeIsUnconditional() {
    assertThat(IfMatch.version(null)).isNull();
    assertThat(IfMatch.version(" ")).isNull();
    assertThat(IfMatch.version("*")).isNull();
  }

  @Test
  void aTagOfAVersionNamesThatVersionQuotedOrWeakAsConnectionsAlwaysAccepted() {
    assertThat(IfMatch.version("\"7\"")).isEqualTo(7L);
    assertThat(IfMatch.version("\"" + EntityTags.ofVersion(7) + "\"")).isEqualTo(7L);
    assertThat(IfMatch.version("W/\"7\"")).isEqualTo(7L);
    assertThat(IfMatch.version("7")).isEqualTo(7L);
  }

  @Test
  void aTagThatNamesNoVersionFailsThePrecondition() {
    assertThatThrownBy(() -> IfMatch.version("\"abc\"")).isInstanceOf(PreconditionFailed.class);
    assertThatThrownBy(() -> IfMatch.version("\"1\", \"2\""))
        .isInstanceOf(PreconditionFailed.class);
  }

  @Test
  void aContentTagMatchesOnlyTheCurrentRepresentation() {
    var current = EntityTags.ofContent("{\"a\":1}");
    IfMatch.require(null, current);
    IfMatch.require("*", current);
    IfMatch.require("\"" + current + "\"", current);
    assertThatThrownBy(
            () -> IfMatch.require("\"" + EntityTags.ofContent("{\"a\":2}") + "\"", current))
        .isInstanceOf(PreconditionFailed.class);
  }

  @Test
  void aContentTagIsTheSameForTheSameRepresentationAndHasNoCharacterToQuote() {
    assertThat(EntityTags.ofContent("x")).isEqualTo(EntityTags.ofContent("x"));
    assertThat(EntityTags.ofContent("x")).isNotEqualTo(EntityTags.ofContent("y"));
    assertThat(EntityTags.ofContent("x")).matches("[A-Za-z0-9_-]{43}");
  }
}
