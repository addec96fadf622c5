package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default configuration: no test endpoints; also the real main() in its own process. */
class DemoAgentWithoutTestEndpointsTest {

  @TempDir static Path directory;

  private static AgentFixture fixture;

  @BeforeAll
  static void startAgent() throws Exception {
    fixture = AgentFixture.start(directory);
  }

  @AfterAll
  static void stopAgent() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void testEndpointsAreNotFoundWithoutTheFlag() throws Exception {
    for (String path : List.of("/test/echo", "/test/received", "/test/slow?ms=1")) {
      HttpResponse<String> response = fixture.get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void openAiEndpointsStillWork() throws Exception {
    assertThat(fixture.get("/v1/models").statusCode()).isEqualTo(200);
  }

  @Test
  void mainPrintsListeningLineServesAndStopsOnSigterm() throws Exception {
    // The test class path: the agent's classes plus Jetty and the MCP SDK it runs on.
    String classPath = System.getProperty("java.class.path");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                classPath,
                DemoAgent.class.getName(),
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--keystore",
                fixture.keystore.toString(),
                "--keystore-password-file",
                directory.resolve("pw.txt").toString(),
                "--credential-file",
                directory.resolve("credential.txt").toString())
            .redirectError(directory.resolve("agent-stderr.txt").toFile())
            .start();
    try {
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(30, TimeUnit.SECONDS);
      Matcher listening =
          Pattern.compile("DemoAgent listening on https://127\\.0\\.0\\.1:(\\d+)").matcher(line);
      assertThat(listening.matches()).as(line).isTrue();

      HttpResponse<String> response =
          fixture.client.send(
              fixture
                  .authorized("/v1/models")
                  .uri(URI.create("https://127.0.0.1:" + listening.group(1) + "/v1/models"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);

      process.destroy();
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(Files.readString(directory.resolve("agent-stderr.txt"))).isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return String.valueOf(reader.readLine());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
