package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranscriptsTest {

  @Test
  void credentialHeadersAreRedactedBeforeTheMaskerSeesThem() {
    StringBuilder seen = new StringBuilder();
    Transcripts transcripts =
        new Transcripts(
            text -> {
              seen.append(text);
              return text.replace("4111111111111111", "[CARD]");
            });

    String text =
        transcripts.write(
            "POST /gw/demo/v1/chat",
            Map.of(
                "Authorization", List.of("Bearer eyJhbGciOi.secret"),
                "cookie", List.of("session=abc"),
                "x-upstream-token", List.of("t0k3n"),
                "content-type", List.of("application/json")),
            "{\"card\":\"4111111111111111\"}".getBytes(StandardCharsets.UTF_8),
            false);

    assertThat(seen.toString()).doesNotContain("eyJhbGciOi", "session=abc", "t0k3n");
    assertThat(text)
        .startsWith("POST /gw/demo/v1/chat\n")
        .contains("authorization: [REDACTED]", "cookie: [REDACTED]")
        .contains("x-upstream-token: [REDACTED]", "content-type: application/json")
        .contains("{\"card\":\"[CARD]\"}")
        .doesNotContain("4111111111111111");
  }

  @Test
  void truncatedBodyIsMarked() {
    String text = new Transcripts(t -> t).write("HTTP 200", Map.of(), "abc".getBytes(), true);

    assertThat(text).endsWith("\n\nabc\n[TRUNCATED]");
  }

  @Test
  void captureKeepsTheCapAndCountsEveryByteRelayed() throws Exception {
    BodyCapture capture = new BodyCapture(10);
    byte[] body = "0123456789abcdefghij-and-more".getBytes(StandardCharsets.UTF_8);
    byte[] relayed;
    try (InputStream in = new TeeInputStream(new ByteArrayInputStream(body), capture)) {
      relayed = in.readAllBytes();
    }

    assertThat(relayed).isEqualTo(body);
    assertThat(new String(capture.kept(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
    assertThat(capture.total()).isEqualTo(body.length);
    assertThat(capture.truncated()).isTrue();
  }

  @Test
  void captureOfAShortBodyIsNotTruncated() {
    BodyCapture capture = new BodyCapture(10);
    capture.append("short".getBytes(), 0, 5);

    assertThat(capture.truncated()).isFalse();
    assertThat(capture.total()).isEqualTo(5);
  }
}
