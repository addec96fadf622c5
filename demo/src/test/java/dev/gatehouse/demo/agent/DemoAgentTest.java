package dev.gatehouse.demo.agent;

import static dev.gatehouse.demo.agent.AgentFixture.CREDENTIAL;
import static dev.gatehouse.demo.agent.AgentFixture.at;
import static dev.gatehouse.demo.agent.AgentFixture.list;
import static dev.gatehouse.demo.agent.AgentFixture.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives a real DemoAgent (with test endpoints) over TLS through java.net.http. */
class DemoAgentTest {

  private static final long STREAM_DELAY_MILLIS = 40;
  private static final String HI_ANSWER =
      "Thought: the user said \"hi\". Action: none. Final answer: You said: hi";

  @TempDir static Path directory;

  private static AgentFixture fixture;

  @BeforeAll
  static void startAgent() throws Exception {
    fixture =
        AgentFixture.start(
            directory,
            "--test-endpoints",
            "--stream-delay-ms",
            String.valueOf(STREAM_DELAY_MILLIS));
  }

  @AfterAll
  static void stopAgent() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void rejectsRequestWithoutCredential() throws Exception {
    HttpResponse<String> response = fixture.send(fixture.anonymous("/v1/models").GET().build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(at(object(response), "error", "type")).isEqualTo("invalid_credential");
  }

  @Test
  void rejectsRequestWithWrongCredential() throws Exception {
    HttpResponse<String> response =
        fixture.send(
            fixture
                .anonymous("/v1/models")
                .header("Authorization", "Bearer " + CREDENTIAL + "x")
                .GET()
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(at(object(response), "error", "type")).isEqualTo("invalid_credential");
  }

  @Test
  void rejectsCredentialWithoutBearerScheme() throws Exception {
    HttpResponse<String> response =
        fixture.send(
            fixture.anonymous("/v1/models").header("Authorization", "Basic " + CREDENTIAL).build());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void listsTheDemoModel() throws Exception {
    HttpResponse<String> response = fixture.get("/v1/models");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(Responses.JSON);
    Map<String, Object> body = object(response);
    assertThat(body.get("object")).isEqualTo("list");
    assertThat(list(body.get("data")))
        .containsExactly(
            Map.of("id", "demo-react-1", "object", "model", "owned_by", "gatehouse-demo"));
  }

  @Test
  void answersChatCompletionWithDeterministicReactText() throws Exception {
    HttpResponse<String> response =
        fixture.postJson(
            "/v1/chat/completions",
            "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"stream\":false}");

    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Object> body = object(response);
    assertThat(body.get("object")).isEqualTo("chat.completion");
    assertThat(body.get("model")).isEqualTo("demo-react-1");
    assertThat((String) body.get("id")).startsWith("chatcmpl-");
    assertThat(at(body, "choices", 0, "message", "role")).isEqualTo("assistant");
    assertThat(at(body, "choices", 0, "message", "content")).isEqualTo(HI_ANSWER);
    assertThat(at(body, "choices", 0, "finish_reason")).isEqualTo("stop");
    assertThat(at(body, "usage", "prompt_tokens")).isEqualTo(1L);
    assertThat(at(body, "usage", "total_tokens"))
        .isEqualTo(1L + (Long) at(body, "usage", "completion_tokens"));
  }

  @Test
  void answersTheLastUserMessage() throws Exception {
    HttpResponse<String> response =
        fixture.postJson(
            "/v1/chat/completions",
            "{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"first\"},"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is 6*7?\"}]}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat((String) at(object(response), "choices", 0, "message", "content"))
        .contains("Action: calculator[6*7]")
        .endsWith("Final answer: 42");
  }

  @Test
  void streamsChatCompletionAsSeparatelyFlushedEvents() throws Exception {
    HttpRequest request =
        fixture
            .authorized("/v1/chat/completions")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}],\"stream\":true}"))
            .build();

    List<String> events = new ArrayList<>();
    List<Long> arrivalNanos = new ArrayList<>();
    HttpResponse<Stream<String>> response =
        fixture.client.send(request, HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = response.body()) {
      lines
          .filter(line -> line.startsWith("data: "))
          .forEach(
              line -> {
                arrivalNanos.add(System.nanoTime());
                events.add(line.substring("data: ".length()));
              });
    }

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    assertThat(events).hasSizeGreaterThan(5);
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    StringBuilder content = new StringBuilder();
    for (String event : events.subList(0, events.size() - 1)) {
      Object chunk = AgentFixture.json(event);
      assertThat(at(chunk, "object")).isEqualTo("chat.completion.chunk");
      Object delta = at(chunk, "choices", 0, "delta", "content");
      if (delta != null) {
        content.append(delta);
      }
    }
    assertThat(content.toString()).isEqualTo(HI_ANSWER);
    Duration spread =
        Duration.ofNanos(arrivalNanos.get(arrivalNanos.size() - 1) - arrivalNanos.get(0));
    long minimumSpreadMillis = (events.size() - 2) * STREAM_DELAY_MILLIS / 2;
    assertThat(spread).isGreaterThanOrEqualTo(Duration.ofMillis(minimumSpreadMillis));
  }

  @Test
  void rejectsMalformedJsonWithInvalidRequest() throws Exception {
    HttpResponse<String> response =
        fixture.postJson("/v1/chat/completions", "{\"messages\": [ {\"role\": \"user\",");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(at(object(response), "error", "type")).isEqualTo("invalid_request");
    assertThat((String) at(object(response), "error", "message")).startsWith("Malformed JSON");
  }

  @Test
  void rejectsCompletionWithoutUserMessage() throws Exception {
    HttpResponse<String> response =
        fixture.postJson(
            "/v1/chat/completions", "{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(at(object(response), "error", "type")).isEqualTo("invalid_request");
  }

  @Test
  void rejectsWrongMethodWith405AndAllowHeader() throws Exception {
    HttpResponse<String> response = fixture.get("/v1/chat/completions");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(at(object(response), "error", "type")).isEqualTo("method_not_allowed");
  }

  @Test
  void answersUnknownPathWith404Json() throws Exception {
    HttpResponse<String> response = fixture.get("/v1/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(at(object(response), "error", "type")).isEqualTo("not_found");
  }

  @Test
  void listsTheThreeTools() throws Exception {
    HttpResponse<String> response = fixture.get("/v1/tools");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(list(object(response).get("data")))
        .extracting(tool -> object(tool).get("name"))
        .containsExactly("calculator", "clock", "echo");
  }

  @Test
  void calculatorToolEvaluatesArithmetic() throws Exception {
    HttpResponse<String> response =
        fixture.postJson("/v1/tools/calculator", "{\"input\":\"2 * (3 + 4) - 10 / 4\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(object(response))
        .containsEntry("tool", "calculator")
        .containsEntry("input", "2 * (3 + 4) - 10 / 4")
        .containsEntry("observation", "11.5");
  }

  @Test
  void calculatorToolRejectsCodeInsteadOfArithmetic() throws Exception {
    HttpResponse<String> response =
        fixture.postJson("/v1/tools/calculator", "{\"input\":\"java.lang.System.exit(1)\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(at(object(response), "error", "type")).isEqualTo("invalid_request");
  }

  @Test
  void clockToolReportsTheCurrentInstant() throws Exception {
    HttpResponse<String> response = fixture.postJson("/v1/tools/clock", "{}");

    Instant observed = Instant.parse((String) object(response).get("observation"));
    assertThat(Duration.between(observed, Instant.now()).abs()).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void echoToolReturnsItsInput() throws Exception {
    HttpResponse<String> response =
        fixture.postJson("/v1/tools/echo", "{\"input\":\"line1\\nline2 \\u00e9\"}");

    assertThat(object(response)).containsEntry("observation", "line1\nline2 é");
  }

  @Test
  void unknownToolIs404() throws Exception {
    HttpResponse<String> response = fixture.postJson("/v1/tools/shell", "{\"input\":\"ls\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(at(object(response), "error", "type")).isEqualTo("not_found");
  }

  @Test
  void testEndpointsStillRequireTheCredential() throws Exception {
    HttpResponse<String> response = fixture.send(fixture.anonymous("/test/echo").GET().build());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void echoReflectsTheRequestButNeverTheCredential() throws Exception {
    HttpResponse<String> response =
        fixture.send(
            fixture
                .authorized("/test/echo/deeper/path?q=a%20b&x=1")
                .header("X-Trace-Id", "trace-123")
                .method("PUT", HttpRequest.BodyPublishers.ofString("héllo"))
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(CREDENTIAL);
    Map<String, Object> echo = object(response);
    assertThat(echo)
        .containsEntry("method", "PUT")
        .containsEntry("path", "/test/echo/deeper/path")
        .containsEntry("query", "q=a%20b&x=1")
        .containsEntry("authorizationCheck", "matches-credential")
        .containsEntry("body", "héllo")
        .containsEntry("bodyLength", 6L);
    assertThat(object(echo.get("headers")))
        .containsEntry("x-trace-id", List.of("trace-123"))
        .doesNotContainKey("authorization");
  }

  @Test
  void receivedRingRecordsRequestsWithoutTheAuthorizationValue() throws Exception {
    String wrongCredential = "wrong-credential-value-42";
    assertThat(fixture.send(fixture.authorized("/test/received").DELETE().build()).statusCode())
        .isEqualTo(204);
    fixture.send(
        fixture.authorized("/v1/models?verbose=1").header("X-Marker", "ring-test").GET().build());
    fixture.send(
        fixture
            .anonymous("/v1/models")
            .header("Authorization", "Bearer " + wrongCredential)
            .GET()
            .build());
    fixture.send(fixture.anonymous("/v1/models").GET().build());

    HttpResponse<String> response = fixture.get("/test/received");

    assertThat(response.body()).doesNotContain(CREDENTIAL).doesNotContain(wrongCredential);
    List<Object> received = list(AgentFixture.json(response.body()));
    assertThat(received).hasSize(4);
    Map<String, Object> first = object(received.get(0));
    assertThat(first)
        .containsEntry("method", "GET")
        .containsEntry("path", "/v1/models")
        .containsEntry("query", "verbose=1")
        .containsEntry("authorizationCheck", "matches-credential")
        .containsEntry("bodyLength", 0L);
    assertThat(object(first.get("headers")))
        .containsEntry("x-marker", List.of("ring-test"))
        .doesNotContainKey("authorization");
    assertThat(object(received.get(1))).containsEntry("authorizationCheck", "mismatch");
    assertThat(object(received.get(2))).containsEntry("authorizationCheck", "absent");
    assertThat(object(received.get(3))).containsEntry("path", "/test/received");
  }

  @Test
  void slowEndpointWaitsTheRequestedTime() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = fixture.get("/test/slow?ms=150");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(150));
    assertThat(object(response)).containsEntry("sleptMillis", 150L);
  }

  @Test
  void statusEndpointReturnsTheRequestedStatus() throws Exception {
    HttpResponse<String> response = fixture.get("/test/status/503");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(object(response)).containsEntry("status", 503L);
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void statusEndpointAddsLocationToRedirects() throws Exception {
    HttpResponse<String> response = fixture.get("/test/status/302");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValue("https://example.invalid/elsewhere");
  }

  @Test
  void sseEndpointSendsNumberedEventsThenDone() throws Exception {
    HttpResponse<String> response = fixture.get("/test/sse?events=3&delayMs=10");

    List<String> data = response.body().lines().filter(line -> line.startsWith("data: ")).toList();
    assertThat(data).hasSize(4);
    assertThat(data.subList(0, 3))
        .extracting(line -> at(AgentFixture.json(line.substring(6)), "seq"))
        .containsExactly(1L, 2L, 3L);
    assertThat(data.get(3)).isEqualTo("data: [DONE]");
  }

  @Test
  void sseEndpointStreamsGivenTextAsCompletionChunksOfTheGivenSize() throws Exception {
    HttpResponse<String> response = fixture.get("/test/sse?text=abc%20defg&chunk=3");

    List<String> data = response.body().lines().filter(line -> line.startsWith("data: ")).toList();
    assertThat(data).hasSize(4);
    assertThat(data.subList(0, 3))
        .extracting(
            line -> at(AgentFixture.json(line.substring(6)), "choices", 0, "delta", "content"))
        .containsExactly("abc", " de", "fg");
    assertThat(data.get(3)).isEqualTo("data: [DONE]");
  }

  @Test
  void jsonEndpointAnswersJsonOfExactlyTheRequestedSizeNamingTheBytesReceived() throws Exception {
    HttpResponse<String> response = fixture.postJson("/test/json?bytes=2048", "x".repeat(4096));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body().getBytes(StandardCharsets.UTF_8)).hasSize(2048);
    assertThat(at(AgentFixture.json(response.body()), "received")).isEqualTo(4096L);
  }

  @Test
  void largeEndpointReturnsExactlyTheRequestedBytes() throws Exception {
    HttpResponse<byte[]> response =
        fixture.client.send(
            fixture.authorized("/test/large?bytes=200001").build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.body()).hasSize(200_001);
    assertThat(new String(response.body(), StandardCharsets.US_ASCII)).matches("a+");
  }

  @Test
  void negotiatesTls13ByDefault() throws Exception {
    HttpResponse<String> response = fixture.get("/v1/models");

    assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
  }

  @Test
  void acceptsTls12Clients() throws Exception {
    HttpResponse<String> response =
        fixture
            .newClient(new String[] {"TLSv1.2"})
            .send(fixture.authorized("/v1/models").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
  }
}
