package dev.gatehouse.policy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The masking cases of {@link PolicyBenchmark} measured by the thread's CPU time instead of wall
 * time (MB/s per core): on a machine shared with other work, wall-time figures say more about the
 * machine than about the code. Not a test; run with the test classpath, for example
 *
 * <pre>
 * mvn -B -q -o -pl ejb dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp ejb/target/test-classes:ejb/target/classes:$(cat /tmp/cp.txt) \
 *     dev.gatehouse.policy.PolicyBenchmarkCpuTime [json|jsonText|sse|mixed|spaced|utf8]…
 * </pre>
 */
public final class PolicyBenchmarkCpuTime {

  private PolicyBenchmarkCpuTime() {}

  /** One benchmark case. */
  interface Op {
    void run(PolicyBenchmark.Masked m) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    PolicyBenchmark b = new PolicyBenchmark();
    b.setUp();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] names =
        args.length > 0
            ? args
            : new String[] {"json", "jsonText", "sse", "mixed", "spaced", "utf8"};
    for (String name : names) {
      Op op =
          switch (name) {
            case "json" -> b::maskJsonStream;
            case "jsonText" -> b::maskJsonText;
            case "sse" -> b::maskSseStream;
            case "mixed" -> b::maskMixed;
            case "spaced" -> b::maskSpacedDigits;
            case "utf8" -> b::baselineUtf8RoundTrip;
            default -> throw new IllegalArgumentException(name);
          };
      double best = 0;
      for (int round = 0; round < 8; round++) {
        PolicyBenchmark.Masked m = new PolicyBenchmark.Masked();
        long t0 = mx.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
          op.run(m);
        }
        long cpu = mx.getCurrentThreadCpuTime() - t0;
        double mbs = m.bytes / (cpu / 1e9) / 1e6;
        if (round >= 3) best = Math.max(best, mbs);
      }
      System.out.printf("%-10s %8.1f MB/s per core (thread CPU time, best of 5)%n", name, best);
    }
  }
}
