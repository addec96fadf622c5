package dev.gatehouse.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test domain's own {@code asadmin}: restarts — an orderly one, or {@code kill -9} of the
 * server process and a fresh start — and its deployed applications.
 */
final class TestAsadmin {

  private final TestDomain domain;

  TestAsadmin(TestDomain domain) {
    this.domain = domain;
  }

  /** {@code restart-domain}, then waits until the application answers again. */
  void restart() {
    restartDomain();
    awaitApplication();
  }

  /** {@code restart-domain}: returns when the server runs again, deployed application or none. */
  void restartDomain() {
    // With the domain named: the bare remote form also started Payara's default domain1.
    Path domainDir = Path.of(domain.value("GATEHOUSE_DOMAIN_DIR"));
    run(
        List.of(
            domain.value("GATEHOUSE_ASADMIN"),
            "restart-domain",
            "--domaindir",
            domainDir.getParent().toString(),
            domainDir.getFileName().toString()));
  }

  /**
   * {@code kill -9} of the server JVM, then {@code start-domain}, then waits for the application.
   */
  void killAndStart() throws IOException, InterruptedException {
    Path domainDir = Path.of(domain.value("GATEHOUSE_DOMAIN_DIR"));
    long pid = Long.parseLong(Files.readString(domainDir.resolve("config/pid")).strip());
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    run(
        List.of(
            domain.value("GATEHOUSE_ASADMIN"),
            "start-domain",
            "--domaindir",
            domainDir.getParent().toString(),
            domainDir.getFileName().toString()));
    awaitApplication();
  }

  /** Waits (up to 8 minutes: a loaded 2-core machine) until the application answers its health. */
  void awaitApplication() {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> health =
            domain
                .client()
                .send(
                    domain.request("/api/v1/health").timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(500);
    }
    throw new IllegalStateException("the application did not come back within 8 minutes");
  }

  /** The names of the applications deployed on the domain. */
  List<String> applications() {
    List<String> names = new ArrayList<>();
    for (String line : remote("list-applications").split("\\R")) {
      String[] words = line.strip().split("\\s+");
      // "<name> <engines...>"; asadmin's own lines ("Command ... executed", "Nothing to list")
      if (words.length > 1 && words[1].startsWith("<")) {
        names.add(words[0]);
      }
    }
    return names;
  }

  void undeploy(String application) {
    remote("undeploy", application);
  }

  private String remote(String... args) {
    List<String> command = new ArrayList<>();
    command.add(domain.value("GATEHOUSE_ASADMIN"));
    command.addAll(
        List.of(
            "--user",
            domain.adminUser(),
            "--passwordfile",
            passwordFile().toString(),
            "--port",
            String.valueOf(domain.adminPort()),
            "--interactive=false"));
    command.addAll(List.of(args));
    return run(command);
  }

  /** asadmin's password file format, written once into the test domain's home. */
  private Path passwordFile() {
    Path file = domain.home().resolve("asadmin-it.password");
    try {
      if (!Files.exists(file)) {
        Files.writeString(file, "AS_ADMIN_PASSWORD=" + domain.adminPassword() + "\n");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("asadmin " + command + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("asadmin " + command + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
