package dev.gatehouse.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.ChainCheckpoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.net.ssl.SSLContext;
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
  void aCheckpointIsANoticeWithItsOwnMsgIdStructuredDataAndJsonLine() throws Exception {
    SyslogTlsSink sink =
        new SyslogTlsSink("localhost", 6514, SSLContext.getDefault(), 10, 13, "gw1", 65536, 1000);
    ChainCheckpoint cp =
        new ChainCheckpoint(
            42,
            "ab".repeat(32),
            "0123456789abcdef",
            Instant.parse("2026-11-25T23:30:01.123456Z"),
            "server",
            "records");

    assertThat(sink.message(cp))
        .isEqualTo(
            "<109>1 2026-11-25T23:30:01.123456Z gw1 gatehouse - checkpoint [gatehouse@32473"
                + " seq=\"42\" hash=\""
                + "ab".repeat(32)
                + "\"] "
                + cp.jsonLine());
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
