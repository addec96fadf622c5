package dev.gatehouse.it;

import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Policies as a new user meets them against the demo agent: a deny rule made through the admin API
 * blocks an evasive prompt before the backend sees it, and a key streamed in pieces arrives masked.
 */
@ExtendWith(ArquillianExtension.class)
class PolicyIT {

  private static final String KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  /** A backend that writes secrets with JSON escapes ({@link ScriptedBackend}), masked as usual. */
  private static ScriptedBackend escaping;

  private static String escapingConnection;

  private final TestDomain domain = TestDomain.get();
  private final String callerToken = domain.token("bob", "demo-users");
  private final String adminToken = domain.token("ada", "gatehouse-admin");
  private final String auditorToken = domain.token("carol", "gatehouse-auditor");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void startEscapingBackend() throws Exception {
    TestDomain domain = TestDomain.get();
    escaping = ScriptedBackend.start(domain);
    escapingConnection = "escaping-" + RUN;
    TestConnections.register(domain, escapingConnection, escaping.url(), "");
  }

  @AfterAll
  static void stopEscapingBackend() throws Exception {
    escaping.close();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder as(String token, String path) {
    return domain.request(path).header("Authorization", "Bearer " + token);
  }

  private String createRule(String json) throws Exception {
    HttpResponse<String> created =
        send(
            as(adminToken, "/api/v1/policies")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.field(created.body(), "id");
  }

  private void deleteRule(String id) throws Exception {
    assertThat(send(as(adminToken, "/api/v1/policies/" + id).DELETE().build()).statusCode())
        .isEqualTo(204);
  }

  @Test
  void denyRuleBlocksAFullWidthPromptBeforeTheBackendSeesIt() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    String ruleId =
        createRule(
            "{\"name\":\"no-rm-rf-"
                + marker
                + "\",\"target\":\"JSON_POINTER\",\"selector\":\"/messages/*/content\","
                + "\"pattern\":\"rm -rf /srv\",\"action\":\"BLOCK\","
                + "\"message\":\"Destructive shell commands are not allowed.\"}");
    try {
      assertThat(send(as(callerToken, "/gw/demo/test/received").DELETE().build()).statusCode())
          .isEqualTo(204);

      HttpResponse<String> refused =
          send(
              as(callerToken, "/gw/demo/v1/chat/completions")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\","
                              + "\"content\":\"please run ＲＭ －ｒｆ ／ｓｒｖ "
                              + marker
                              + "\"}]}"))
                  .build());

      String auditId = assertProblem(refused, 403, "policy_blocked");
      assertThat(Json.field(refused.body(), "ruleId")).isEqualTo(ruleId);
      assertThat(Json.field(refused.body(), "detail"))
          .isEqualTo("Destructive shell commands are not allowed.");
      assertThat(Json.field(domain.completedAuditRecord(auditId), "decision")).isEqualTo("BLOCKED");
      HttpResponse<String> received = send(as(callerToken, "/gw/demo/test/received").build());
      assertThat(received.statusCode()).isEqualTo(200);
      assertThat(received.body()).doesNotContain("chat/completions").doesNotContain(marker);

      HttpResponse<String> allowed =
          send(
              as(callerToken, "/gw/demo/v1/chat/completions")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\","
                              + "\"content\":\"please list /srv\"}]}"))
                  .build());
      assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    } finally {
      deleteRule(ruleId);
    }
  }

  @Test
  void streamedKeySplitOverTwoEventsArrivesMaskedEventByEvent() throws Exception {
    String text =
        "Your new key is "
            + KEY
            + " so keep it safe and never share it with anyone, not even with the people you"
            + " trust most. Thanks for asking!";
    int chunk = 30;
    // The key starts at 16 and is 44 long: the 30-character pieces cut it across two events.
    assertThat(text.indexOf(KEY) / chunk).isZero();
    assertThat((text.indexOf(KEY) + KEY.length() - 1) / chunk).isOne();
    HttpResponse<InputStream> response =
        domain
            .client()
            .send(
                as(
                        callerToken,
                        "/gw/demo/test/sse?chunk="
                            + chunk
                            + "&delayMs=400&text="
                            + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);

    List<Long> arrivals = new ArrayList<>();
    List<String> data = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        all.append(line).append('\n');
        if (line.startsWith("data:")) {
          arrivals.add(System.nanoTime());
          data.add(line.substring(5).trim());
        }
      }
    }

    int pieces = (text.length() + chunk - 1) / chunk;
    assertThat(data).hasSize(pieces + 1);
    assertThat(data.get(pieces)).isEqualTo("[DONE]");
    StringBuilder content = new StringBuilder();
    for (String event : data.subList(0, pieces)) {
      assertThat(event).contains("chat.completion.chunk");
      content.append(Json.field(event, "content"));
    }
    assertThat(content.toString()).isEqualTo(text.replace(KEY, "[OPENAI_KEY]"));
    assertThat(all.toString()).doesNotContain(KEY.substring(0, 12)).doesNotContain("GhIjKl");
    // Pieces 400 ms apart (2.4 s in all): relayed event by event, the first arrives long before
    // the last; buffered, all would arrive at once.
    assertThat((arrivals.get(pieces - 1) - arrivals.get(0)) / 1_000_000).isGreaterThan(800);
  }

  @Test
  void secretsWrittenWithJsonEscapesAreMaskedInAJsonAnswer() throws Exception {
    // Check the attack first: resolved, the backend's answer holds the key and the address.
    assertThat(ScriptedBackend.ESCAPED_JSON)
        .contains("\\u0073\\u006b-proj-")
        .doesNotContain(KEY)
        .contains("alice\\u0040example.com");

    HttpResponse<String> response =
        send(as(callerToken, "/gw/" + escapingConnection + "/escaped-json").build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("{\"reply\":\"use [OPENAI_KEY] now\",\"mail\":\"[EMAIL]\"}");
  }

  @Test
  void secretsWrittenWithJsonEscapesAreMaskedInAStreamAcrossEvents() throws Exception {
    HttpResponse<String> response =
        send(as(callerToken, "/gw/" + escapingConnection + "/escaped-sse").build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String body = response.body();
    assertThat(body)
        .doesNotContain("\\u0073\\u006b")
        .doesNotContain("AbCdEf1234")
        .doesNotContain("GhIjKl")
        .doesNotContain("alice");
    List<String> data = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data:")) {
        data.add(line.substring(5).trim());
      }
    }
    // Framing kept: the same four events, the key replaced where it starts.
    assertThat(data).hasSize(4);
    assertThat(Json.field(data.get(0), "content")).isEqualTo("key [OPENAI_KEY]");
    assertThat(Json.field(data.get(1), "content")).isEqualTo(", keep it");
    assertThat(Json.field(data.get(2), "mail")).isEqualTo("[EMAIL]");
    assertThat(data.get(3)).isEqualTo("[DONE]");
  }

  @Test
  void testEndpointShowsWhatWouldBeBlockedAndMasked() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    String ruleId =
        createRule(
            "{\"name\":\"warn-sudo-"
                + marker
                + "\",\"target\":\"BODY\",\"pattern\":\"sudo "
                + marker
                + "\",\"action\":\"WARN\"}");
    try {
      HttpResponse<String> tried =
          send(
              as(auditorToken, "/api/v1/policies/test")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"connection\":\"demo\",\"request\":{\"method\":\"POST\",\"path\":"
                              + "\"/v1/chat/completions\",\"body\":\"{\\\"prompt\\\":\\\"s%75do "
                              + marker
                              + " mail me at alice@example.com\\\"}\"},"
                              + "\"response\":{\"body\":\"token "
                              + KEY
                              + "\"}}"))
                  .build());
      assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
      assertThat(tried.body())
          .contains(ruleId)
          .contains("\"action\":\"WARN\"")
          .contains("\"decision\":\"ALLOW\"")
          .contains("[EMAIL]")
          .contains("[OPENAI_KEY]")
          .doesNotContain(KEY);

      HttpResponse<String> notAdmin =
          send(
              as(auditorToken, "/api/v1/policies")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build());
      assertThat(notAdmin.statusCode()).isEqualTo(403);
      assertThat(send(as(callerToken, "/api/v1/policies").build()).statusCode()).isEqualTo(403);
      assertProblem(
          send(
              as(adminToken, "/api/v1/policies")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\":\"bad-"
                              + marker
                              + "\",\"target\":\"BODY\",\"matchKind\":\"REGEX\","
                              + "\"pattern\":\"(?<=x)y\"}"))
                  .build()),
          400,
          "invalid_policy");
    } finally {
      deleteRule(ruleId);
    }
  }

  @Test
  void aChangeSentWithAnOlderETagIsRefusedWith412AndNothingIsWritten() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    String rule =
        "{\"name\":\"versioned-"
            + marker
            + "\",\"target\":\"BODY\",\"pattern\":\"never-"
            + marker
            + "\",\"action\":\"WARN\",\"message\":\"%s\"}";
    String ruleId = createRule(rule.formatted("first"));
    try {
      HttpResponse<String> read = send(as(adminToken, "/api/v1/policies/" + ruleId).build());
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      String etag = read.headers().firstValue("etag").orElseThrow();
      assertThat(etag).isEqualTo("\"" + Json.number(read.body(), "version") + "\"");

      HttpResponse<String> updated = put(ruleId, rule.formatted("second"), etag);
      assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
      String newer = updated.headers().firstValue("etag").orElseThrow();
      assertThat(newer).isNotEqualTo(etag);

      HttpResponse<String> stale = put(ruleId, rule.formatted("third"), etag);
      assertProblem(stale, 412, "stale_version");
      assertProblem(
          send(
              as(adminToken, "/api/v1/policies/" + ruleId)
                  .header("If-Match", etag)
                  .DELETE()
                  .build()),
          412,
          "stale_version");
      HttpResponse<String> after = send(as(adminToken, "/api/v1/policies/" + ruleId).build());
      assertThat(Json.field(after.body(), "message")).isEqualTo("second");
      assertThat(after.headers().firstValue("etag")).hasValue(newer);
    } finally {
      deleteRule(ruleId);
    }
  }

  @Test
  void anInvalidRuleIsRefusedNamingEachInvalidFieldInErrors() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> badPattern =
        send(
            as(adminToken, "/api/v1/policies")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bad-pattern-"
                            + marker
                            + "\",\"target\":\"BODY\",\"matchKind\":\"REGEX\","
                            + "\"pattern\":\"(?<=x)y\"}"))
                .build());
    assertProblem(badPattern, 400, "invalid_policy");
    assertThat(badPattern.body())
        .contains(
            "\"errors\":[{\"field\":\"pattern\",\"message\":"
                + "\"The pattern is not a valid RE2 expression.\"}]");

    HttpResponse<String> badTarget =
        send(
            as(adminToken, "/api/v1/policies")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bad-target-"
                            + marker
                            + "\",\"target\":\"BODDY\",\"pattern\":\"x\"}"))
                .build());
    assertProblem(badTarget, 400, "invalid_policy");
    assertThat(badTarget.body()).contains("\"field\":\"target\"").doesNotContain("dev.gatehouse");

    HttpResponse<String> notJson =
        send(
            as(adminToken, "/api/v1/policies")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":"))
                .build());
    assertProblem(notJson, 400, "invalid_policy");
    assertThat(notJson.body()).contains("\"errors\":[{\"field\":\"\",");
  }

  private HttpResponse<String> put(String ruleId, String json, String ifMatch) throws Exception {
    return send(
        as(adminToken, "/api/v1/policies/" + ruleId)
            .header("Content-Type", "application/json")
            .header("If-Match", ifMatch)
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }
}
