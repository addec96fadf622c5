package dev.gatehouse.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyslogTlsSinkTest {

  @Test
  void framesByOctetCountOfTheUtf8Message() {
    String message = "<110>1 2026-11-25T23:30:01.123456Z host gatehouse - request - {\"n\":\"é\"}";
    byte[] frame = SyslogTlsSink.frame(message);
    int length = message.getBytes(StandardCharsets.UTF_8).length;
    assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo(length + " " + message);
    assertThat(length).isEqualTo(message.length() + 1);
  }

  @Test
  void headerFieldsArePrintableAsciiWithoutSpaces() {
    assertThat(SyslogTlsSink.printable("gate house\u00e9.example", 255))
        .isEqualTo("gatehouse.example");
    assertThat(SyslogTlsSink.printable("", 255)).isEqualTo("-");
    assertThat(SyslogTlsSink.printable("abcdef", 3)).isEqualTo("abc");
  }

  @Test
  void timestampIsRfc3339WithAtMostMicroseconds() {
    assertThat(SyslogTlsSink.timestamp(Instant.parse("2026-11-25T23:30:01.123456Z")))
        .isEqualTo("2026-11-25T23:30:01.123456Z");
  }

  @Test
  void authHeaderIsNameAndValueOrABareAuthorizationValue() {
    assertThat(HttpsPushSink.authHeader("Authorization: Splunk abc"))
        .containsExactly("Authorization", "Splunk abc");
    assertThat(HttpsPushSink.authHeader("X-Api-Key: k:1")).containsExactly("X-Api-Key", "k:1");
    assertThat(HttpsPushSink.authHeader("Bearer abc"))
        .containsExactly("Authorization", "Bearer abc");
    assertThat(HttpsPushSink.authHeader(" ")).containsExactly(null, null);
  }
}
