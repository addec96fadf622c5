package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secrets a model streams in pieces, through the real gateway: each {@link StreamingBackend} script
 * cuts an OpenAI and an AWS key mid-key across events — tool-call arguments, choices taking turns,
 * Responses API deltas, Anthropic deltas, Ollama's NDJSON — and the caller gets every event, one by
 * one as the backend sends them, with the keys masked and no piece of them left.
 */
@ExtendWith(ArquillianExtension.class)
class StreamMaskingIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private static StreamingBackend backend;
  private static String connection;

  private final TestDomain domain = TestDomain.get();
  private final String callerToken = domain.token("bob", "demo-users");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void startStreamingBackend() throws Exception {
    TestDomain domain = TestDomain.get();
    backend = StreamingBackend.start(domain);
    connection = "streaming-" + RUN;
    TestConnections.register(domain, connection, backend.url(), "");
  }

  @AfterAll
  static void stopStreamingBackend() throws Exception {
    backend.close();
  }

  /** One event as the caller received it, and when its last byte arrived. */
  private record Arrival(String event, long nanos) {}

  /**
   * Streams a script through the gateway and checks what every script must hold: as many events out
   * as in, arriving spread over the time the backend took (not all at once at the end), and not one
   * six-character piece of either key.
   */
  private List<String> relay(String script) throws Exception {
    StreamingBackend.Script sent = StreamingBackend.SCRIPTS.get(script);
    String separator = sent.contentType().equals("text/event-stream") ? "\n\n" : "\n";
    HttpResponse<InputStream> response =
        domain
            .client()
            .send(
                domain
                    .request("/gw/" + connection + "/" + script)
                    .header("Authorization", "Bearer " + callerToken)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(sent.contentType()));

    List<Arrival> arrivals = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (InputStream body = response.body()) {
      StringBuilder pending = new StringBuilder();
      byte[] buffer = new byte[8192];
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        long now = System.nanoTime();
        all.write(buffer, 0, n);
        // The scripts are ASCII: bytes are characters.
        pending.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
        for (int end = pending.indexOf(separator); end >= 0; end = pending.indexOf(separator)) {
          arrivals.add(new Arrival(pending.substring(0, end), now));
          pending.delete(0, end + separator.length());
        }
      }
      assertThat(pending.toString()).isEmpty();
    }
    String text = all.toString(StandardCharsets.UTF_8);

    for (String key : List.of(StreamingBackend.OPENAI_KEY, StreamingBackend.AWS_KEY)) {
      for (int i = 0; i + 6 <= key.length(); i++) {
        assertThat(text).as(script).doesNotContain(key.substring(i, i + 6));
      }
    }
    assertThat(arrivals).as(script + ": events out").hasSize(sent.events().size());
    // Sent PAUSE_MILLIS apart: relayed one by one (each held at most until its lane shows no
    // secret can still be completing), they arrive spread out; buffered, all would come at once.
    long spreadMillis =
        (arrivals.get(arrivals.size() - 1).nanos() - arrivals.get(0).nanos()) / 1_000_000;
    assertThat(spreadMillis)
        .as(script + ": arrivals spread")
        .isGreaterThan((long) StreamingBackend.PAUSE_MILLIS * sent.events().size() / 3);
    return arrivals.stream().map(Arrival::event).toList();
  }

  @Test
  void toolCallArgumentsOfTwoCallsTakingTurns() throws Exception {
    String text = String.join("\n", relay("openai-tool-args"));
    assertThat(text).contains("[OPENAI_KEY]").contains("[AWS_ACCESS_KEY]");
    assertThat(text).contains("search_keys").contains("aws_lookup");
  }

  @Test
  void twoChoicesTakingTurns() throws Exception {
    List<String> events = relay("openai-choices");
    assertThat(events.get(0)).contains("Key: [OPENAI_KEY]");
    assertThat(events.get(1)).contains("Id: [AWS_ACCESS_KEY]");
    assertThat(events.get(10)).contains(" safe.");
  }

  @Test
  void responsesApiTextAndArgumentDeltas() throws Exception {
    List<String> events = relay("responses");
    assertThat(events.get(1)).contains("Use [OPENAI_KEY]");
    assertThat(events.get(2)).contains("[AWS_ACCESS_KEY]");
    assertThat(events.get(3)).contains(" now. ");
    assertThat(events.get(7)).contains("Use [OPENAI_KEY] now. Done");
  }

  @Test
  void anthropicTextAndJsonDeltas() throws Exception {
    List<String> events = relay("anthropic");
    assertThat(events.get(3)).contains("Key: [OPENAI_KEY]");
    assertThat(events.get(5)).contains(" done.");
    assertThat(events.get(7)).contains("[AWS_ACCESS_KEY]");
  }

  @Test
  void ollamaNewlineDelimitedJson() throws Exception {
    List<String> lines = relay("ndjson");
    assertThat(lines.get(0)).contains("The key is [OPENAI_KEY]");
    assertThat(lines.get(2)).contains(", and [AWS_ACCESS_KEY]");
    assertThat(lines.get(3)).contains(" too.");
  }

  @Test
  void aStreamedToolCallIsRecordedWithItsToolAndArgumentDigestAndInventoried() throws Exception {
    HttpResponse<String> answer =
        domain
            .client()
            .send(
                domain
                    .request("/gw/" + connection + "/v1/chat/completions")
                    .header("Authorization", "Bearer " + callerToken)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[{\"role\":"
                                + "\"user\",\"content\":\"rotate my key\"}],\"tools\":[{\"type\":"
                                + "\"function\",\"function\":{\"name\":\"search_keys\",\"description\":"
                                + "\"finds keys\",\"parameters\":{\"type\":\"object\"}}}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).doesNotContain("AbCdEf1234").doesNotContain("IOSFODNN");

    String record =
        domain.completedAuditRecord(
            answer.headers().firstValue("Gatehouse-Audit-Id").orElseThrow());
    assertThat(record).contains("\"protocol\":\"OPENAI\"").contains("\"model\":\"gpt-test\"");
    // Each call's digest is over its canonical arguments as the caller received them (masked).
    assertThat(record)
        .contains(
            "{\"argumentsSha256\":\""
                + sha256("{\"limit\":3,\"query\":\"rotate [OPENAI_KEY] now\"}")
                + "\",\"name\":\"search_keys\"}")
        .contains(
            "{\"argumentsSha256\":\""
                + sha256("{\"key_id\":\"[AWS_ACCESS_KEY]\",\"region\":\"eu-west-1\"}")
                + "\",\"name\":\"aws_lookup\"}");

    String auditor = domain.token("carol", "gatehouse-auditor");
    HttpResponse<String> found =
        domain
            .client()
            .send(
                domain
                    .request("/api/v1/audit?tool=aws_lookup&connection=" + connection)
                    .header("Authorization", "Bearer " + auditor)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(found.body()).contains(Json.field(record, "id"));

    HttpResponse<String> tools =
        domain
            .client()
            .send(
                domain
                    .request("/api/v1/connections/" + connection + "/tools")
                    .header("Authorization", "Bearer " + auditor)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(tools.statusCode()).as(tools.body()).isEqualTo(200);
    assertThat(tools.body())
        .contains("\"name\":\"search_keys\"")
        .contains("\"description\":\"finds keys\"")
        .contains("\"name\":\"aws_lookup\"");
  }

  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
