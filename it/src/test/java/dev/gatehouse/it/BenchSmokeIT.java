package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark from rotting: runs {@code bench/run --smoke --cleanup} against the test
 * domain (every target, every scenario, one second each, no throughput thresholds) and checks that
 * every target answered 2xx. Runs on the H2 domain only; needs {@code wrk} and {@code nginx}. The
 * script deploys the EAR itself (with its benchmarking switches) and removes everything it added.
 */
class BenchSmokeIT {

  @Test
  void benchmarkMeasuresEveryTargetAndScenario() throws Exception {
    assumeTrue("h2".equals(System.getProperty("gatehouse.it.database")), "runs on the H2 domain");
    SharedDeployment.undeployNow(); // bench/run deploys the EAR itself, and removes it after
    Path ear = Path.of(System.getProperty("gatehouse.ear")).toAbsolutePath().normalize();
    Path repo = ear.getParent().getParent().getParent();
    Path results = repo.resolve("it/target/bench-smoke.md");
    Path log = repo.resolve("it/target/bench-smoke.log");
    ProcessBuilder run =
        new ProcessBuilder(
                "bash",
                repo.resolve("bench/run").toString(),
                "--smoke",
                "--cleanup",
                "--home",
                TestDomain.get().home().toString(),
                "--out",
                results.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    run.environment().put("GATEHOUSE_EAR", ear.toString());
    run.environment()
        .put("BENCH_NGINX_PORT", System.getProperty("gatehouse.it.bench.nginx.port", "19480"));
    Process process = run.start();
    boolean ended = process.waitFor(10, TimeUnit.MINUTES);
    if (!ended) {
      process.destroy();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(ended).as("bench/run --smoke ended in time").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("smoke run OK");
    String table = Files.readString(results, StandardCharsets.UTF_8);
    for (String target :
        new String[] {"direct", "nginx", "ceiling", "gatehouse-off", "gatehouse-all"}) {
      for (String scenario : new String[] {"get", "post", "sse", "newtls"}) {
        assertThat(table).contains("| " + scenario + " | 1 | " + target + " |");
      }
    }
  }
}
