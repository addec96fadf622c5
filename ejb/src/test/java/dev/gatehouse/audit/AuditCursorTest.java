package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCursorTest {

  @Test
  void cursorSurvivesItsToken() {
    AuditCursor cursor = new AuditCursor(Instant.parse("2026-11-25T23:30:01.123456Z"), "abc-123");

    assertThat(AuditCursor.parse(cursor.token())).isEqualTo(cursor);
    assertThat(cursor.token()).doesNotContain("abc-123");
  }

  @Test
  void foreignTokenIsRejected() {
    assertThatThrownBy(() -> AuditCursor.parse("bm90LWEtY3Vyc29y"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
