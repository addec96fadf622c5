package dev.gatehouse.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the newest-first search ended: the last record's start time and id. Rendered as
 * an opaque URL-safe token; a token that does not parse is rejected, never guessed at.
 */
public record AuditCursor(Instant startedAt, String id) {

  public String token() {
    String raw = startedAt.getEpochSecond() + "." + startedAt.getNano() + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException when the token is not one this class wrote
   */
  public static AuditCursor parse(String token) {
    String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    int bar = raw.indexOf('|');
    int dot = raw.indexOf('.');
    if (bar < 0 || dot < 0 || dot > bar || bar == raw.length() - 1) {
      throw new IllegalArgumentException("not an audit cursor");
    }
    Instant at =
        Instant.ofEpochSecond(
            Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, bar)));
    return new AuditCursor(at, raw.substring(bar + 1));
  }
}
