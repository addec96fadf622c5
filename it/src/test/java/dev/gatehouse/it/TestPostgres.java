package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL run's own database, reached with the client tools ({@code psql}, {@code pg_dump})
 * as the superuser the test harness uses. Only the PostgreSQL pass of the suite has one.
 */
final class TestPostgres {

  private TestPostgres() {}

  /** Whether this run of the suite is the PostgreSQL one. */
  static boolean active() {
    return "postgresql".equals(System.getProperty("gatehouse.it.database"))
        && System.getProperty("gatehouse.it.pg.database") != null;
  }

  /** This run's database name (never the shared cluster's others). */
  static String database() {
    String database = System.getProperty("gatehouse.it.pg.database");
    assertThat(database).as("gatehouse.it.pg.database").matches("[a-z0-9_]+");
    return database;
  }

  /**
   * Runs a client tool against the server, the connection arguments placed after the tool's name,
   * and returns its output; fails the test unless it exits 0 in time.
   */
  static String run(String tool, List<String> arguments, Duration timeout) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(tool);
    command.addAll(
        List.of(
            "-h",
            System.getProperty("gatehouse.it.pg.host", "127.0.0.1"),
            "-p",
            System.getProperty("gatehouse.it.pg.port", "5432"),
            "-U",
            System.getProperty("gatehouse.it.pg.user", "postgres")));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
