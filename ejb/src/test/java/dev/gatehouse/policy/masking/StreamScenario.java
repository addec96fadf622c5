package dev.gatehouse.policy.masking;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A streamed answer in one dialect — lanes of text, each carrying a secret — cut into events at
 * every split position, pushed through a masking stream in several byte chunkings, and checked:
 * each event in is one event out, no piece of a secret of six characters or more gets out, and each
 * lane's text read back from the events out is the lane's text masked as a whole.
 */
final class StreamScenario {

  static final String OPENAI_KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";
  static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

  /** How events are framed on the wire. */
  enum Framing {
    SSE("\n\n"),
    NDJSON("\n");

    final String separator;

    Framing(String separator) {
      this.separator = separator;
    }
  }

  /** Builds the masking stream under test. */
  interface StreamFactory {
    InputStream open(InputStream upstream, Masker masker);
  }

  private final Masker masker = Masker.redacting();
  private final Framing framing;
  private final StreamFactory factory;
  private final List<String> prologue = new ArrayList<>();
  private final List<String> epilogue = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final List<String> secrets = new ArrayList<>();
  private BiFunction<Integer, String, String> event;
  private Function<JsonObject, Map<Integer, String>> read;
  private boolean interleaved = true;

  StreamScenario(Framing framing, StreamFactory factory) {
    this.framing = framing;
    this.factory = factory;
  }

  static StreamScenario sse() {
    return new StreamScenario(
        Framing.SSE,
        (upstream, masker) ->
            new SseMaskingStream(upstream, masker, 8192, 16384, MaskingListener.NONE));
  }

  static StreamScenario ndjson() {
    return new StreamScenario(
        Framing.NDJSON,
        (upstream, masker) ->
            new NdjsonMaskingStream(upstream, masker, 8192, 16384, MaskingListener.NONE));
  }

  /** A lane: its whole text and the secret in it. */
  StreamScenario lane(String text, String secret) {
    assertThat(text).contains(secret);
    texts.add(text);
    secrets.add(secret);
    return this;
  }

  /** Events before the streamed pieces (framing included). */
  StreamScenario before(String... events) {
    prologue.addAll(List.of(events));
    return this;
  }

  /** Events after them. */
  StreamScenario after(String... events) {
    epilogue.addAll(List.of(events));
    return this;
  }

  /** The event (framing included) that carries a piece of lane {@code i}. */
  StreamScenario event(BiFunction<Integer, String, String> event) {
    this.event = event;
    return this;
  }

  /** Lane number → piece, of one event's JSON payload. */
  StreamScenario read(Function<JsonObject, Map<Integer, String>> read) {
    this.read = read;
    return this;
  }

  /** Lanes one after the other rather than taking turns (as Anthropic's blocks come). */
  StreamScenario sequential() {
    interleaved = false;
    return this;
  }

  /** Every lane cut in two at every position relative to its secret. */
  void checkTwoPieces() throws IOException {
    int before = secrets.size();
    int from = Integer.MAX_VALUE;
    int to = Integer.MIN_VALUE;
    for (int i = 0; i < before; i++) {
      int at = texts.get(i).indexOf(secrets.get(i));
      from = Math.min(from, 1 - at);
      to = Math.max(to, texts.get(i).length() - 1 - at);
    }
    for (int o = from; o <= to; o++) {
      List<int[]> cuts = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        cuts.add(new int[] {cut(i, o)});
      }
      check(cuts, "cut at secret" + (o >= 0 ? "+" : "") + o, o);
    }
  }

  /** Every lane cut in three at every pair of positions in and around its secret. */
  void checkThreePieces() throws IOException {
    int longest = secrets.stream().mapToInt(String::length).max().orElseThrow();
    for (int a = -1; a <= longest; a++) {
      for (int b = a + 1; b <= longest + 1; b++) {
        List<int[]> cuts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
          cuts.add(new int[] {cut(i, a), cut(i, b)});
        }
        check(cuts, "cuts at secret+" + a + ", +" + b, a * 100 + b);
      }
    }
  }

  private int cut(int lane, int offset) {
    String text = texts.get(lane);
    int at = text.indexOf(secrets.get(lane)) + offset;
    return Math.max(1, Math.min(text.length() - 1, at));
  }

  private void check(List<int[]> cuts, String what, int seed) throws IOException {
    List<String> events = new ArrayList<>(prologue);
    List<List<String>> pieces = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      List<String> lanePieces = new ArrayList<>();
      int start = 0;
      for (int c : cuts.get(i)) {
        lanePieces.add(texts.get(i).substring(start, c));
        start = c;
      }
      lanePieces.add(texts.get(i).substring(start));
      pieces.add(lanePieces);
    }
    int count = pieces.get(0).size();
    if (interleaved) {
      for (int k = 0; k < count; k++) {
        for (int i = 0; i < texts.size(); i++) {
          events.add(event.apply(i, pieces.get(i).get(k)));
        }
      }
    } else {
      for (int i = 0; i < texts.size(); i++) {
        for (int k = 0; k < count; k++) {
          events.add(event.apply(i, pieces.get(i).get(k)));
        }
      }
    }
    events.addAll(epilogue);
    String in = String.join("", events);
    verify(events.size(), Chunks.of(events.toArray(String[]::new)), what + ", event by event");
    verify(events.size(), randomChunks(in, new Random(seed)), what + ", random chunks");
    if (Math.floorMod(seed, 11) == 0) {
      verify(events.size(), Chunks.bytewise(in), what + ", byte by byte");
    }
  }

  private static Chunks randomChunks(String in, Random random) {
    byte[] bytes = in.getBytes(StandardCharsets.UTF_8);
    List<byte[]> chunks = new ArrayList<>();
    for (int at = 0; at < bytes.length; ) {
      int n = Math.min(bytes.length - at, 1 + random.nextInt(23));
      chunks.add(java.util.Arrays.copyOfRange(bytes, at, at + n));
      at += n;
    }
    return new Chunks(chunks);
  }

  private void verify(int eventsIn, InputStream upstream, String what) throws IOException {
    String out = new String(factory.open(upstream, masker).readAllBytes(), StandardCharsets.UTF_8);
    for (String secret : secrets) {
      for (int i = 0; i + 6 <= secret.length(); i++) {
        assertThat(out).as("%s: %s", what, out).doesNotContain(secret.substring(i, i + 6));
      }
    }
    List<String> eventsOut = new ArrayList<>();
    for (String e : out.split(framing.separator, -1)) {
      if (!e.isEmpty()) {
        eventsOut.add(e);
      }
    }
    assertThat(eventsOut).as("%s: events out", what).hasSize(eventsIn);
    Map<Integer, StringBuilder> joined = new LinkedHashMap<>();
    for (String e : eventsOut) {
      String payload = payload(e);
      if (payload == null || !payload.startsWith("{")) {
        continue;
      }
      JsonObject json = Json.createReader(new StringReader(payload)).readObject();
      read.apply(json)
          .forEach(
              (lane, piece) ->
                  joined.computeIfAbsent(lane, k -> new StringBuilder()).append(piece));
    }
    for (int i = 0; i < texts.size(); i++) {
      assertThat(joined.getOrDefault(i, new StringBuilder()).toString())
          .as("%s: lane %d", what, i)
          .isEqualTo(masker.mask(texts.get(i)));
    }
  }

  private String payload(String event) {
    if (framing == Framing.NDJSON) {
      return event;
    }
    StringBuilder data = null;
    for (String line : event.split("\n")) {
      if (line.startsWith("data:")) {
        String value = line.substring(line.startsWith("data: ") ? 6 : 5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return data == null ? null : data.toString();
  }

  /** A JSON string literal. */
  static String q(String text) {
    return Json.createValue(text).toString();
  }
}
