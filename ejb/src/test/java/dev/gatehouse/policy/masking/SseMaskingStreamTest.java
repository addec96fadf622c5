package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseMaskingStreamTest {

  private static final String KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";
  private static final String TEXT = "Here is the key: " + KEY + " — keep it safe.";

  private final Masker masker = Masker.redacting();

  private static String chunk(String content) {
    return "data: "
        + Json.createObjectBuilder()
            .add("object", "chat.completion.chunk")
            .add(
                "choices",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("index", 0)
                            .add("delta", Json.createObjectBuilder().add("content", content))))
            .build()
        + "\n\n";
  }

  private SseMaskingStream stream(InputStream upstream) {
    return new SseMaskingStream(upstream, masker, 8192, 16384, MaskingListener.NONE);
  }

  private static List<String> events(String sse) {
    List<String> events = new ArrayList<>();
    for (String event : sse.split("\n\n")) {
      if (!event.isEmpty()) {
        events.add(event);
      }
    }
    return events;
  }

  private static String content(String event) {
    String data = event.substring("data: ".length());
    if (data.equals("[DONE]")) {
      return "";
    }
    JsonObject json = Json.createReader(new StringReader(data)).readObject();
    return json.getJsonArray("choices")
        .getJsonObject(0)
        .getJsonObject("delta")
        .getString("content");
  }

  @Test
  void masksAKeySplitOverTwoEventsAtEveryPosition() throws IOException {
    int keyAt = TEXT.indexOf(KEY);
    String expected = masker.mask(TEXT);
    for (int split = 1; split < TEXT.length(); split++) {
      String in =
          chunk(TEXT.substring(0, split)) + chunk(TEXT.substring(split)) + "data: [DONE]\n\n";
      String out = new String(stream(Chunks.of(in)).readAllBytes(), StandardCharsets.UTF_8);
      List<String> events = events(out);
      assertThat(events).as("split %d", split).hasSize(3);
      StringBuilder joined = new StringBuilder();
      for (String event : events) {
        assertThat(event).startsWith("data: ");
        joined.append(content(event));
      }
      assertThat(joined.toString()).as("split %d (key at %d)", split, keyAt).isEqualTo(expected);
      assertThat(out).doesNotContain(KEY.substring(8, 20));
    }
  }

  /**
   * Every positive of the labelled corpus, its text split over two events at every position: the
   * stream masks what masking the whole text masks, and the secret never shows.
   */
  @Test
  void masksEveryCorpusSecretSplitOverTwoEventsAtEveryPosition() throws IOException {
    List<String> failures = new ArrayList<>();
    for (DetectorCorpusTest.Positive positive : DetectorCorpusTest.POSITIVES) {
      String text = positive.text();
      String expected = masker.mask(text);
      for (int split = 1; split < text.length(); split++) {
        String in =
            chunk(text.substring(0, split)) + chunk(text.substring(split)) + "data: [DONE]\n\n";
        String out = new String(stream(Chunks.of(in)).readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder joined = new StringBuilder();
        for (String event : events(out)) {
          joined.append(content(event));
        }
        if (!joined.toString().equals(expected) || joined.toString().contains(positive.secret())) {
          failures.add(positive.detector() + " split at " + split + ": " + joined);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  /**
   * A JSON member named like a secret, written inside a streamed answer, cut into three events at
   * every pair of positions: the first event must not go out alone with the beginning of the name
   * (the quote, {@code client_}), or the lane no longer holds what the detector matches from and
   * the value, complete two events later, goes out in clear.
   */
  @Test
  void masksAJsonMemberNamedLikeASecretCutIntoThreeEventsAnywhere() throws IOException {
    String text = "{\"client_secret\": \"correct horse battery\"}";
    String expected = masker.mask(text);
    assertThat(expected).doesNotContain("correct horse battery");
    List<String> failures = new ArrayList<>();
    for (int a = 1; a < text.length() - 1; a++) {
      for (int b = a + 1; b < text.length(); b++) {
        String in =
            chunk(text.substring(0, a))
                + chunk(text.substring(a, b))
                + chunk(text.substring(b))
                + "data: [DONE]\n\n";
        // One event per read, as a backend that flushes each would send them.
        String out =
            new String(
                stream(Chunks.of(in.split("(?<=\n\n)"))).readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder joined = new StringBuilder();
        for (String event : events(out)) {
          joined.append(content(event));
        }
        if (joined.toString().contains("correct horse battery")) {
          failures.add(a + "/" + b + ": " + joined);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void masksWhenTheStreamArrivesOneByteAtATime() throws IOException {
    String in = chunk("key ") + chunk(KEY.substring(0, 10)) + chunk(KEY.substring(10) + " ok");
    String out = new String(stream(Chunks.bytewise(in)).readAllBytes(), StandardCharsets.UTF_8);
    StringBuilder joined = new StringBuilder();
    for (String event : events(out)) {
      joined.append(content(event));
    }
    assertThat(joined.toString()).isEqualTo("key [OPENAI_KEY] ok");
  }

  @Test
  void forwardsEachEventAsSoonAsItIsSafe() throws IOException {
    Chunks upstream = Chunks.of(chunk("Hello"), chunk(" world"), chunk(" again"), chunk("!"));
    try (SseMaskingStream in = stream(upstream)) {
      byte[] buffer = new byte[4096];
      int n = in.read(buffer);
      String first = new String(buffer, 0, n, StandardCharsets.UTF_8);
      assertThat(events(first)).hasSize(1);
      assertThat(content(events(first).get(0))).isEqualTo("Hello");
      assertThat(upstream.reads).isEqualTo(2);
    }
  }

  @Test
  void releasesJsonEventsWithoutCompletionTextAtOnce() throws IOException {
    Chunks upstream = Chunks.of("data: {\"seq\":1}\n\n", "data: {\"seq\":2}\n\n");
    try (SseMaskingStream in = stream(upstream)) {
      byte[] buffer = new byte[4096];
      int n = in.read(buffer);
      assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8))
          .isEqualTo("data: {\"seq\":1}\n\n");
      assertThat(upstream.reads).isEqualTo(1);
    }
  }

  @Test
  void keepsUnchangedEventsByteForByteAndOtherFieldsMasked() throws IOException {
    String plain = "id: 7\nevent: message\ndata: {\"n\":1}\r\n\r\n";
    String withMail = "data: {\"user\":\"alice@example.com\"}\n\n";
    String out =
        new String(stream(Chunks.of(plain + withMail)).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).isEqualTo(plain + "data: {\"user\":\"[EMAIL]\"}\n\n");
  }

  @Test
  void masksOtherFieldsOfAChunkEvenWhenTheEventsBeforeHadNothingThere() throws IOException {
    String clean = chunk("Hello ");
    String tainted =
        "event: delta\ndata: {\"model\":\"bob@example.org\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"there\"}}]}\n\n";
    String named = "event: carol@example.net\n" + chunk("again");
    String out =
        new String(
            stream(Chunks.of(clean + clean + tainted + clean + named)).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(out)
        .isEqualTo(
            clean
                + clean
                + tainted.replace("bob@example.org", "[EMAIL]")
                + clean
                + named.replace("carol@example.net", "[EMAIL]"));
  }

  @Test
  void masksPlainTextDataAcrossEvents() throws IOException {
    String in = "data: mail alice@exa\n\ndata: mple.com now\n\n";
    String out = new String(stream(Chunks.of(in)).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).isEqualTo("data: mail [EMAIL]\n\ndata:  now\n\n");
  }

  private static byte[] firstRead(Chunks upstream, SseMaskingStream in) throws IOException {
    byte[] buffer = new byte[4096];
    int n = in.read(buffer);
    return java.util.Arrays.copyOf(buffer, n);
  }

  @Test
  void releasesAToolCallsFirstChunkAtOnceThoughItsNameDoesNotGoOn() throws IOException {
    String first =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
            + "\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":"
            + "\"get_weather\",\"arguments\":\"\"}}]}}]}\n\n";
    Chunks upstream = Chunks.of(first, chunk("later"));
    try (SseMaskingStream in = stream(upstream)) {
      assertThat(new String(firstRead(upstream, in), StandardCharsets.UTF_8)).isEqualTo(first);
      assertThat(upstream.reads).isEqualTo(1);
    }
  }

  @Test
  void releasesABlocksLastDeltaWhenTheNextKindOfTextBegins() throws IOException {
    String text =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me check\"}}\n\n";
    String stop =
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
    String json =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,"
            + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\"}}\n\n";
    Chunks upstream = Chunks.of(text, stop, json, json);
    try (SseMaskingStream in = stream(upstream)) {
      assertThat(new String(firstRead(upstream, in), StandardCharsets.UTF_8))
          .isEqualTo(text + stop);
      assertThat(upstream.reads).isEqualTo(3);
    }
  }

  @Test
  void masksASecretNamedByItsMemberInAnyField() throws IOException {
    String in = "data: {\"config\":{\"password\":\"hunter2-correct-horse\"}}\n\n";
    String out = new String(stream(Chunks.of(in)).readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).doesNotContain("hunter2").contains("[SECRET]");
  }

  @Test
  void sendsAnErrorEventThenBreaksOffWhenMaskingFails() throws IOException {
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
    SseMaskingStream in =
        new SseMaskingStream(
            Chunks.of(chunk("fine "), chunk("boom ")), failing, 8192, 16384, MaskingListener.NONE);
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
        .endsWith(SseMaskingStream.ERROR_EVENT)
        .doesNotContain("boom");
  }
}
