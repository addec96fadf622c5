package dev.gatehouse.demo.agent;

import java.nio.file.Path;

/**
 * Command-line settings of {@link DemoAgent}. Secrets are given as file paths, never as values, so
 * they do not show up in process listings.
 */
record AgentConfig(
    int port,
    String bind,
    Path keystore,
    Path keystorePasswordFile,
    Path credentialFile,
    boolean testEndpoints,
    long streamDelayMillis) {

  static final int DEFAULT_PORT = 9443;
  static final String DEFAULT_BIND = "127.0.0.1";
  static final long DEFAULT_STREAM_DELAY_MILLIS = 40;

  static final String USAGE =
      "Usage: java -cp gatehouse-demo.jar dev.gatehouse.demo.agent.DemoAgent"
          + " [--port 9443] [--bind 127.0.0.1] --keystore server.p12"
          + " --keystore-password-file pw.txt --credential-file credential.txt"
          + " [--test-endpoints] [--stream-delay-ms 40]";

  /**
   * Parses {@code --name value} options.
   *
   * @throws IllegalArgumentException for unknown, missing or invalid options
   */
  static AgentConfig parse(String... args) {
    int port = DEFAULT_PORT;
    String bind = DEFAULT_BIND;
    Path keystore = null;
    Path keystorePasswordFile = null;
    Path credentialFile = null;
    boolean testEndpoints = false;
    long streamDelayMillis = DEFAULT_STREAM_DELAY_MILLIS;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--test-endpoints")) {
        testEndpoints = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Missing value for " + option);
      }
      String value = args[++i];
      switch (option) {
        case "--port" -> port = (int) number(option, value, 0, 65_535);
        case "--bind" -> bind = value;
        case "--keystore" -> keystore = Path.of(value);
        case "--keystore-password-file" -> keystorePasswordFile = Path.of(value);
        case "--credential-file" -> credentialFile = Path.of(value);
        case "--stream-delay-ms" -> streamDelayMillis = number(option, value, 0, 60_000);
        default -> throw new IllegalArgumentException("Unknown option " + option);
      }
    }
    if (keystore == null || keystorePasswordFile == null || credentialFile == null) {
      throw new IllegalArgumentException(
          "--keystore, --keystore-password-file and --credential-file are required");
    }
    return new AgentConfig(
        port,
        bind,
        keystore,
        keystorePasswordFile,
        credentialFile,
        testEndpoints,
        streamDelayMillis);
  }

  private static long number(String option, String value, long min, long max) {
    long number;
    try {
      number = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number, got " + value);
    }
    if (number < min || number > max) {
      throw new IllegalArgumentException(option + " must be between " + min + " and " + max);
    }
    return number;
  }
}
