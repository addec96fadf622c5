package dev.gatehouse.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cases of {@link AgentParserBenchmark} measured by the CPU time of the whole process (the
 * benchmark thread, the garbage collector and the compiler together) instead of wall time: MB/s per
 * core that stays put on a machine shared with other builds, where JMH's wall-time figures move
 * with the load. Not a test; run with the test classpath, for example
 *
 * <pre>
 * mvn -B -q -o -pl ejb dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp ejb/target/test-classes:ejb/target/classes:$(cat ejb/target/cp.txt) \
 *     dev.gatehouse.bench.AgentParserBenchmarkCpuTime [mcpToolsCall1k|…]…
 * </pre>
 */
public final class AgentParserBenchmarkCpuTime {

  private AgentParserBenchmarkCpuTime() {}

  /** One benchmark case. */
  interface Op {
    Object run(AgentParserBenchmark.Read read);
  }

  public static void main(String[] args) {
    AgentParserBenchmark b = new AgentParserBenchmark();
    b.setUp();
    Map<String, Op> cases = new LinkedHashMap<>();
    cases.put("mcpToolsCall1k", b::mcpToolsCall1k);
    cases.put("mcpToolsCall16k", b::mcpToolsCall16k);
    cases.put("openAiChatRequest16k", b::openAiChatRequest16k);
    cases.put("openAiChatRequest64k", b::openAiChatRequest64k);
    cases.put("openAiStreamedToolCall16k", b::openAiStreamedToolCall16k);
    cases.put("mcpToolsList20", b::mcpToolsList20);
    cases.put("mcpToolsList20Sse", b::mcpToolsList20Sse);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Iterable<String> names = args.length > 0 ? java.util.List.of(args) : cases.keySet();
    int sink = 0;
    for (String name : names) {
      Op op = cases.get(name);
      if (op == null) {
        throw new IllegalArgumentException(name);
      }
      double best = 0;
      double worst = Double.MAX_VALUE;
      for (int round = 0; round < 8; round++) {
        AgentParserBenchmark.Read read = new AgentParserBenchmark.Read();
        long t0 = os.getProcessCpuTime();
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
          // Identity, not hashCode(): hashing a record would read its strings (a 16 KB canonical
          // argument text) again, which JMH's black hole does not do.
          sink += System.identityHashCode(op.run(read));
        }
        long cpu = os.getProcessCpuTime() - t0;
        double mbs = read.bytes / (cpu / 1e9) / 1e6;
        if (round >= 3) {
          best = Math.max(best, mbs);
          worst = Math.min(worst, mbs);
        }
      }
      System.out.printf(
          "%-26s %8.1f MB/s per core (process CPU time; best of 5, worst %.1f)%n",
          name, best, worst);
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
