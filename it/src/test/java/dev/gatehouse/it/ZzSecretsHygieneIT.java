package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs last (failsafe runs the ITs alphabetically, in one JVM): looks for every secret the suite
 * gave the gateway in the test domain's server logs. None may appear.
 */
class ZzSecretsInLogIT {

  private final TestDomain domain = TestDomain.get();

  @Test
  void noSecretUsedInTheSuiteAppearsInTheServerLog() throws Exception {
    Path logs = domain.home().resolve("domains/gatehouse/logs");
    assertThat(logs).isDirectory();
    List<Path> files;
    try (Stream<Path> s = Files.list(logs)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("server.log")).toList();
    }
    assertThat(files).isNotEmpty();
    List<String> secrets = TestSecrets.all(domain);
    assertThat(secrets).isNotEmpty();
    for (Path file : files) {
      String log = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      for (String secret : secrets) {
        assertThat(log).as("%s must not contain a secret", file).doesNotContain(secret);
      }
    }
  }
}
