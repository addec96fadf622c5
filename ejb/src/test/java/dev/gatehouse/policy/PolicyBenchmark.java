package dev.gatehouse.policy;

import dev.gatehouse.policy.masking.Masker;
import dev.gatehouse.policy.masking.MaskingListener;
import dev.gatehouse.policy.masking.SseMaskingStream;
import dev.gatehouse.policy.masking.TextMaskingStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking throughput on JSON and SSE text and deny-rule cost per 4 KB request, on one thread. The
 * masking benchmarks count the bytes they masked: their {@code bytes} line, in bytes per
 * microsecond, is MB/s per core. Not part of the test suite; run with
 *
 * <pre>
 * mvn -B -q -pl ejb -Pbench-jmh -DskipTests test
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyBenchmark {

  /** Bytes masked; reported per microsecond, that is MB/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Masked {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  private static final String KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";

  private final Masker masker = Masker.redacting();
  private String json;
  private byte[] jsonBytes;
  private byte[] sseBytes;
  private String spacedDigits;
  private List<CompiledRule> rules;
  private byte[] request4k;

  @Setup
  public void setUp() {
    StringBuilder j = new StringBuilder("{\"id\":\"chatcmpl-1\",\"choices\":[");
    int n = 0;
    while (j.length() < 64 * 1024) {
      j.append("{\"index\":")
          .append(n)
          .append(",\"message\":{\"role\":\"assistant\",\"content\":\"")
          .append("Here is the summary of the meeting on 2024-01-15 at 10:30 with the team. ")
          .append(
              n % 10 == 0
                  ? "Contact alice@example.com or +14155550100, key " + KEY + ". "
                  : "The build 9fceb02d0ae598e95dc970b74767f19372d61af8 passed all checks. ")
          .append("\"}},");
      n++;
    }
    j.setLength(j.length() - 1);
    j.append("]}");
    json = j.toString();
    jsonBytes = json.getBytes(StandardCharsets.UTF_8);

    StringBuilder s = new StringBuilder();
    String prose =
        "The quick brown fox jumps over the lazy dog while the model explains its answer, "
            + "mail bob@example.org, card 4111 1111 1111 1111, key "
            + KEY
            + " and more text. ";
    int at = 0;
    while (s.length() < 64 * 1024) {
      String piece =
          prose.substring(at % prose.length(), Math.min(prose.length(), at % prose.length() + 6));
      at += 6;
      // An OpenAI streaming chunk as the API sends it.
      s.append("data: {\"id\":\"chatcmpl-9x2YbQ\",\"object\":\"chat.completion.chunk\",")
          .append("\"created\":1718000000,\"model\":\"gpt-4o-mini\",")
          .append("\"system_fingerprint\":\"fp_44709d6fcb\",\"choices\":[{\"index\":0,\"delta\":")
          .append("{\"content\":\"")
          .append(piece)
          .append("\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
    }
    s.append("data: [DONE]\n\n");
    sseBytes = s.toString().getBytes(StandardCharsets.UTF_8);

    // The slowest kind of input for the numeric detectors: runs of digits and separators that
    // start a card, phone or address look-alike at every other position.
    StringBuilder d = new StringBuilder();
    while (d.length() < 64 * 1024) {
      d.append("1 ".repeat(500))
          .append("1-".repeat(500))
          .append("4 ".repeat(250))
          .append("555 ".repeat(250))
          .append("+1 (555) ".repeat(100))
          .append("1.".repeat(250))
          .append("\n");
    }
    spacedDigits = d.toString();

    rules = new ArrayList<>();
    String[] literals = {
      "rm -rf /",
      "drop table",
      "shutdown -h",
      "mkfs",
      "curl | sh",
      "nc -e",
      "chmod 777",
      "/etc/shadow",
      "base64 -d",
      "wget http"
    };
    for (int i = 0; i < literals.length; i++) {
      PolicyRule rule = new PolicyRule();
      rule.setName("literal-" + i);
      rule.setTarget(i % 2 == 0 ? RuleTarget.BODY : RuleTarget.JSON_POINTER);
      rule.setSelector("/messages/*/content");
      rule.setPattern(literals[i]);
      rules.add(CompiledRule.compile(rule));
    }
    String[] regexes = {
      "(?:ignore|disregard) (?:all|previous) instructions",
      "\\bsudo\\s+\\S+",
      "(a+)+$",
      "[A-Z]{20,}",
      "eval\\(",
      "DELETE|PUT",
      "/admin/**",
      "x-tool",
      "union\\s+select",
      "\\.\\./"
    };
    for (int i = 0; i < regexes.length; i++) {
      PolicyRule rule = new PolicyRule();
      rule.setName("regex-" + i);
      rule.setTarget(
          i == 5
              ? RuleTarget.METHOD
              : i == 6 ? RuleTarget.PATH_GLOB : i == 7 ? RuleTarget.HEADER : RuleTarget.BODY);
      rule.setSelector("x-tool");
      rule.setMatchKind(MatchKind.REGEX);
      rule.setPattern(regexes[i]);
      rules.add(CompiledRule.compile(rule));
    }
    StringBuilder r = new StringBuilder("{\"model\":\"demo\",\"messages\":[");
    while (r.length() < 4000) {
      r.append("{\"role\":\"user\",\"content\":\"Please summarise the quarterly report and list ")
          .append("the three main risks for the team, thank you.\"},");
    }
    r.setLength(r.length() - 1);
    r.append("]}");
    request4k = r.toString().getBytes(StandardCharsets.UTF_8);
    System.out.printf(
        "%nInputs: JSON %d bytes, SSE %d bytes, request %d bytes, %d rules%n",
        jsonBytes.length, sseBytes.length, request4k.length, rules.size());
  }

  /** A whole JSON body at once, as the audit transcripts are masked. */
  @Benchmark
  public String maskJsonText(Masked masked) {
    masked.bytes += jsonBytes.length;
    return masker.mask(json);
  }

  /** Long runs of spaced digits (see setUp): the worst case of the candidate scan. */
  @Benchmark
  public String maskSpacedDigits(Masked masked) {
    masked.bytes += spacedDigits.length();
    return masker.mask(spacedDigits);
  }

  /** A JSON response streamed through the masker. */
  @Benchmark
  public long maskJsonStream(Masked masked) throws IOException {
    masked.bytes += jsonBytes.length;
    return drain(jsonStream());
  }

  /** A streamed chat completion (server-sent events) through the masker. */
  @Benchmark
  public long maskSseStream(Masked masked) throws IOException {
    masked.bytes += sseBytes.length;
    return drain(sseStream());
  }

  /** The two together: the mixed JSON and SSE figure. */
  @Benchmark
  public long maskMixed(Masked masked) throws IOException {
    masked.bytes += jsonBytes.length + sseBytes.length;
    return drain(jsonStream()) + drain(sseStream());
  }

  /**
   * Calibration, not masking: decoding and re-encoding the same bytes, the least any masker must
   * do. Compare the masking figures with this one on the same machine.
   */
  @Benchmark
  public int baselineUtf8RoundTrip(Masked masked) {
    masked.bytes += jsonBytes.length + sseBytes.length;
    return new String(jsonBytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length
        + new String(sseBytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length;
  }

  private InputStream jsonStream() {
    return new TextMaskingStream(
        new ByteArrayInputStream(jsonBytes),
        masker,
        StandardCharsets.UTF_8,
        8192,
        16384,
        MaskingListener.NONE);
  }

  private InputStream sseStream() {
    return new SseMaskingStream(
        new ByteArrayInputStream(sseBytes), masker, 8192, 16384, MaskingListener.NONE);
  }

  /** One 4 KB chat request against 20 rules (literal, regular expression, pointer, header). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public Evaluation denylist4kRequest() {
    RequestSample sample =
        new RequestSample(
            "POST", "/v1/chat/completions", null, Map.of("x-tool", List.of("search")), request4k);
    return Denylist.evaluate(rules, sample, "demo");
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
    }
    return total;
  }
}
