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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking throughput on mixed JSON and SSE text (one thread: MB/s per core is the input size
 * divided by the average time) and deny-rule cost per 4 KB request. Not part of the test suite; run
 * with:
 *
 * <pre>
 * mvn -q -pl ejb -am test-compile -DskipTests &amp;&amp; mvn -q -pl ejb exec:exec \
 *   -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.openjdk.jmh.Main PolicyBenchmark"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyBenchmark {

  private static final String KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";

  private final Masker masker = Masker.redacting();
  private String json;
  private byte[] jsonBytes;
  private byte[] sseBytes;
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
      s.append("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":")
          .append("{\"content\":\"")
          .append(piece)
          .append("\"}}]}\n\n");
    }
    s.append("data: [DONE]\n\n");
    sseBytes = s.toString().getBytes(StandardCharsets.UTF_8);

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

  @Benchmark
  public String maskJsonText() {
    return masker.mask(json);
  }

  @Benchmark
  public long maskJsonStream() throws IOException {
    return drain(
        new TextMaskingStream(
            new ByteArrayInputStream(jsonBytes),
            masker,
            StandardCharsets.UTF_8,
            8192,
            16384,
            MaskingListener.NONE));
  }

  @Benchmark
  public long maskSseStream() throws IOException {
    return drain(
        new SseMaskingStream(
            new ByteArrayInputStream(sseBytes), masker, 8192, 16384, MaskingListener.NONE));
  }

  @Benchmark
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
