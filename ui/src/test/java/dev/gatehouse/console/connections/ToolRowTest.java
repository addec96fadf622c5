package dev.gatehouse.console.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.agent.ToolInventory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ToolRowTest {

  private static final String FINGERPRINT = "a".repeat(12) + "b".repeat(52);
  private static final String EARLIER = "c".repeat(12) + "d".repeat(52);
  private static final Instant SEEN = Instant.parse("2026-01-02T03:04:05Z");

  private static ToolRow row(String description, String previous, Boolean destructive) {
    return new ToolRow(
        new ToolInventory.Entry(
            "search",
            description,
            FINGERPRINT,
            previous,
            previous == null ? null : SEEN.plusSeconds(60),
            destructive,
            SEEN,
            SEEN.plusSeconds(120),
            3,
            1));
  }

  @Test
  void showsTheFirstTwelveDigitsOfEachFingerprint() {
    ToolRow row = row("finds things", EARLIER, null);

    assertThat(row.getShortFingerprint()).isEqualTo("aaaaaaaaaaaa");
    assertThat(row.getFingerprint()).isEqualTo(FINGERPRINT);
    assertThat(row.getShortPreviousFingerprint()).isEqualTo("cccccccccccc");
    assertThat(row.getPreviousFingerprint()).isEqualTo(EARLIER);
  }

  @Test
  void marksADefinitionChangedOnlyWhenThereIsAnEarlierFingerprint() {
    assertThat(row("finds things", EARLIER, null).isDefinitionChanged()).isTrue();
    assertThat(row("finds things", EARLIER, null).getFingerprintChangedAt())
        .isEqualTo(SEEN.plusSeconds(60));

    ToolRow unchanged = row("finds things", null, null);
    assertThat(unchanged.isDefinitionChanged()).isFalse();
    assertThat(unchanged.getShortPreviousFingerprint()).isNull();
  }

  @Test
  void keepsAShortDescriptionWhole() {
    ToolRow row = row("  finds\n  things  ", null, null);

    assertThat(row.isDescriptionCut()).isFalse();
    assertThat(row.getShortDescription()).isEqualTo("finds things");
  }

  @Test
  void cutsALongDescriptionAndKeepsTheWholeText() {
    String description = "word ".repeat(30) + "\nend";
    ToolRow row = row(description, null, null);

    assertThat(row.isDescriptionCut()).isTrue();
    assertThat(row.getShortDescription())
        .hasSize(ToolRow.SHORT_DESCRIPTION_CHARS)
        .endsWith("word…")
        .doesNotContain("\n");
    assertThat(row.getDescription()).isEqualTo(description);
  }

  @Test
  void neverCutsACharacterInTwo() {
    // Each emoji is two chars (a surrogate pair) but one code point.
    String description = "\uD83D\uDD0E".repeat(ToolRow.SHORT_DESCRIPTION_CHARS + 1);
    ToolRow row = row(description, null, null);

    assertThat(row.getShortDescription())
        .isEqualTo("\uD83D\uDD0E".repeat(ToolRow.SHORT_DESCRIPTION_CHARS) + "…");
  }

  @Test
  void showsNoDescriptionForAMissingOrBlankOne() {
    assertThat(row(null, null, null).getShortDescription()).isNull();
    assertThat(row(null, null, null).isDescriptionCut()).isFalse();
    assertThat(row(" \n ", null, null).getShortDescription()).isNull();
  }

  @Test
  void tellsAnUnstatedDestructiveHintFromANo() {
    assertThat(row("x", null, true).getDestructiveHint()).isEqualTo("yes");
    assertThat(row("x", null, false).getDestructiveHint()).isEqualTo("no");
    assertThat(row("x", null, null).getDestructiveHint()).isEqualTo("unknown");
  }

  @Test
  void passesTheCountsAndTimesThrough() {
    ToolRow row = row("x", null, null);

    assertThat(row.getName()).isEqualTo("search");
    assertThat(row.getFirstSeen()).isEqualTo(SEEN);
    assertThat(row.getLastSeen()).isEqualTo(SEEN.plusSeconds(120));
    assertThat(row.getCalls()).isEqualTo(3);
    assertThat(row.getRefusals()).isEqualTo(1);
  }

  @Test
  void showsAQuarantinedToolWithItsPinAndItsPendingFingerprint() {
    ToolRow row =
        new ToolRow(
            new ToolInventory.Entry(
                "search",
                "finds things",
                EARLIER,
                FINGERPRINT,
                SEEN.plusSeconds(60),
                null,
                SEEN,
                SEEN.plusSeconds(120),
                3,
                1,
                FINGERPRINT,
                SEEN,
                null,
                true,
                SEEN.plusSeconds(60),
                EARLIER));

    assertThat(row.isPinned()).isTrue();
    assertThat(row.isQuarantined()).isTrue();
    assertThat(row.getQuarantinedAt()).isEqualTo(SEEN.plusSeconds(60));
    assertThat(row.getShortPinnedFingerprint()).isEqualTo("aaaaaaaaaaaa");
    assertThat(row.getShortPendingFingerprint()).isEqualTo("cccccccccccc");
    assertThat(row("x", null, null).isPinned()).as("never listed").isFalse();
    assertThat(row("x", null, null).isQuarantined()).isFalse();
  }
}
