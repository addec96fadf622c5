package dev.gatehouse.audit;

import java.security.SecureRandom;
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
 * What sealing one audit record costs the audit writer thread: the canonical form and its
 * HMAC-SHA256 (keyed chain, as {@code gatehouse up} configures it) or SHA-256, for a record with
 * the transcripts of the benchmark's POST (4 KB request, 2 KB answer, headers). Not part of the
 * test suite; run with
 *
 * <pre>
 * mvn -B -q -pl ejb -Pbench-jmh -DskipTests test -Djmh.args=ChainHashBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChainHashBenchmark {

  private AuditEntry keyed;
  private AuditEntry unkeyed;
  private ChainKeys keys;

  @Setup
  public void setUp() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    keys = ChainKeys.of(key);
    unkeyed =
        AuditTestDatabase.completed(AuditTestDatabase.started("/gw/demo/v1/chat/completions"));
    unkeyed
        .set(AuditField.SEQ, 123_456L)
        .set(AuditField.PREV_HASH, ChainHash.GENESIS)
        .set(AuditField.REQUEST_TRANSCRIPT, transcript(4096))
        .set(AuditField.RESPONSE_TRANSCRIPT, transcript(2048));
    keyed = unkeyed.copy().keyId(keys.activeId());
  }

  /** JSON-ish text of about {@code bytes} bytes, as a masked transcript holds. */
  private static String transcript(int bytes) {
    StringBuilder text =
        new StringBuilder("POST /v1/chat/completions\ncontent-type: application/json\n\n");
    int i = 0;
    while (text.length() < bytes) {
      text.append("{\"role\":\"user\",\"content\":\"step ").append(i++).append(" of the plan\"},");
    }
    return text.toString();
  }

  @Benchmark
  public String sealKeyed() {
    return ChainHash.of(keyed, keys);
  }

  @Benchmark
  public String sealUnkeyed() {
    return ChainHash.of(unkeyed, keys);
  }
}
