package dev.gatehouse.policy.masking;

import static dev.gatehouse.policy.masking.StreamScenario.AWS_KEY;
import static dev.gatehouse.policy.masking.StreamScenario.OPENAI_KEY;
import static dev.gatehouse.policy.masking.StreamScenario.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Newline-delimited JSON streams (Ollama): secrets split across lines arrive masked. */
class NdjsonMaskingStreamTest {

  private static final String MODEL =
      "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:28.123648Z\",";

  private static InputStream stream(InputStream upstream) {
    return new NdjsonMaskingStream(upstream, Masker.redacting(), 8192, 16384, MaskingListener.NONE);
  }

  /** Ollama {@code /api/chat}: {@code message.content}. */
  private static StreamScenario chat(String text, String secret) {
    return StreamScenario.ndjson()
        .lane(text, secret)
        .event(
            (lane, piece) ->
                MODEL
                    + "\"message\":{\"role\":\"assistant\",\"content\":"
                    + q(piece)
                    + "},\"done\":false}\n")
        .after(
            MODEL
                + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\","
                + "\"done\":true,\"total_duration\":4883583458,\"eval_count\":282}\n")
        .read(json -> Map.of(0, json.getJsonObject("message").getString("content")));
  }

  /** Ollama {@code /api/generate}: {@code response}. */
  private static StreamScenario generate(String text, String secret) {
    return StreamScenario.ndjson()
        .lane(text, secret)
        .event((lane, piece) -> MODEL + "\"response\":" + q(piece) + ",\"done\":false}\n")
        .after(
            MODEL
                + "\"response\":\"\",\"done\":true,\"done_reason\":\"stop\",\"context\":[1,2,3],"
                + "\"total_duration\":10706818083}\n")
        .read(json -> Map.of(0, json.getString("response")));
  }

  @Test
  void ollamaChatInTwoAndThreePieces() throws IOException {
    chat("Sure, the key is " + OPENAI_KEY + ". Anything else?", OPENAI_KEY).checkTwoPieces();
    chat("Sure, the key is " + OPENAI_KEY + ". Anything else?", OPENAI_KEY).checkThreePieces();
  }

  @Test
  void ollamaGenerateInTwoAndThreePieces() throws IOException {
    generate("export AWS_ACCESS_KEY_ID=" + AWS_KEY + "\nexport REGION=eu", AWS_KEY)
        .checkTwoPieces();
    generate("export AWS_ACCESS_KEY_ID=" + AWS_KEY + "\nexport REGION=eu", AWS_KEY)
        .checkThreePieces();
  }

  @Test
  void forwardsEachLineAsSoonAsItIsSafe() throws IOException {
    Chunks upstream =
        Chunks.of(
            "{\"response\":\"Hello\"}\n",
            "{\"response\":\" world\"}\n",
            "{\"response\":\" again\"}\n");
    try (InputStream in = stream(upstream)) {
      byte[] buffer = new byte[4096];
      int n = in.read(buffer);
      assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8))
          .isEqualTo("{\"response\":\"Hello\"}\n");
      assertThat(upstream.reads).isEqualTo(2);
    }
  }

  @Test
  void keepsLineEndsAndUnchangedLinesByteForByte() throws IOException {
    String in =
        "{\"response\":\"a b\"}\r\n\n{\"user\":\"alice@example.com\"}\nnot json bob@example.org";
    String out = new String(stream(Chunks.of(in)).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out)
        .isEqualTo("{\"response\":\"a b\"}\r\n\n{\"user\":\"[EMAIL]\"}\nnot json [EMAIL]");
  }

  @Test
  void sendsAnErrorLineThenBreaksOffWhenMaskingFails() {
    Detector broken =
        new Detector(
            "broken",
            "X",
            com.google.re2j.Pattern.compile("boom"),
            0,
            (text, start, end) -> {
              throw new IllegalStateException("detector failure");
            },
            List.of());
    Masker failing = new Masker(List.of(broken), MaskStyle.REDACT, new byte[16]);
    InputStream in =
        new NdjsonMaskingStream(
            Chunks.of("{\"response\":\"fine \"}\n", "{\"response\":\"boom \"}\n"),
            failing,
            8192,
            16384,
            MaskingListener.NONE);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    assertThatThrownBy(
            () -> {
              int n;
              while ((n = in.read(buffer)) >= 0) {
                got.write(buffer, 0, n);
              }
            })
        .isInstanceOf(MaskingFailed.class);
    assertThat(got.toString(StandardCharsets.UTF_8))
        .endsWith(NdjsonMaskingStream.ERROR_LINE)
        .doesNotContain("boom");
  }
}
