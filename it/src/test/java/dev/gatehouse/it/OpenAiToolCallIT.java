package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletion.Choice.FinishReason;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI tool calls through the gateway with the official OpenAI Java SDK as the caller: its client
 * points at {@code /gw/demo/v1}, behind which the demo agent's model answers with a call of the
 * tool the user's message names (with the arguments the message gives). Whole, the call reaches the
 * SDK as sent, the tool's result goes back and is answered in text, and the audit record names the
 * call with the digest of its canonical arguments. Streamed, the arguments come in fragments of a
 * few characters; the key planted in them is masked across the fragments, so the arguments the
 * SDK's accumulator assembles hold the masked form and never the key.
 */
@ExtendWith(ArquillianExtension.class)
class OpenAiToolCallIT {

  private static final String MODEL = "demo-react-1";
  private static final String TOOL = "lookup_weather";

  /**
   * An obviously fake OpenAI project key ({@code sk-proj-} and 36 letters and digits). Not named
   * like a secret in the arguments, so the masker's OpenAI-key detector finds it by its shape; the
   * prompt hands it to the gateway, so ZzSecretsHygieneIT looks for it too.
   */
  private static final String PLANTED_KEY =
      TestSecrets.use("sk-proj-OPENAIit0nly4gatehouseToolCallArgs01");

  private static final String MASKED_KEY = "[OPENAI_KEY]";
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TestDomain domain = TestDomain.get();
  private final String auditorToken = domain.token("carol", "gatehouse-auditor");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @Test
  void toolCallRoundTripReachesTheSdkAndIsAuditedWithTheCanonicalArgumentDigest() throws Exception {
    String caller = "openai-client-" + RUN;
    OpenAIClient client = client(domain.token(caller, "demo-users"));
    ChatCompletionCreateParams ask =
        ChatCompletionCreateParams.builder()
            .model(MODEL)
            .addTool(weatherTool())
            .addUserMessage(
                "Please " + TOOL + " {\"unit\": \"celsius\", \"city\": \"Paris\", \"days\": 3}")
            .build();

    String auditId;
    ChatCompletion answer;
    try (HttpResponseFor<ChatCompletion> response =
        client.chat().completions().withRawResponse().create(ask)) {
      assertThat(response.statusCode()).isEqualTo(200);
      auditId = response.headers().values("Gatehouse-Audit-Id").get(0);
      answer = response.parse();
    }
    ChatCompletion.Choice choice = answer.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    ChatCompletionMessage message = choice.message();
    assertThat(message.content()).isEmpty();
    assertThat(message.toolCalls()).hasValueSatisfying(calls -> assertThat(calls).hasSize(1));
    ChatCompletionMessageFunctionToolCall call = message.toolCalls().get().get(0).asFunction();
    assertThat(call.id()).startsWith("call_");
    assertThat(call.function().name()).isEqualTo(TOOL);
    String arguments = "{\"unit\":\"celsius\",\"city\":\"Paris\",\"days\":3}";
    assertThat(call.function().arguments()).isEqualTo(arguments);
    assertThat(answer.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isPositive());

    // The caller runs the tool and sends its result back; the model answers it in text.
    ChatCompletion result =
        client
            .chat()
            .completions()
            .create(
                ask.toBuilder()
                    .addMessage(message)
                    .addMessage(
                        ChatCompletionToolMessageParam.builder()
                            .toolCallId(call.id())
                            .content("18 C, light rain")
                            .build())
                    .build());
    assertThat(result.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(result.choices().get(0).message().content())
        .hasValueSatisfying(
            text ->
                assertThat(text)
                    .contains("Action: " + TOOL + "[" + arguments + "]")
                    .endsWith("Final answer: 18 C, light rain"));

    // The record of the call: the tool and the SHA-256 of the canonical arguments (members
    // sorted, no whitespace), not of the arguments as the model spelled them.
    JsonNode record = JSON.readTree(domain.completedAuditRecord(auditId));
    JsonNode agent = record.path("agent");
    assertThat(agent.path("protocol").asString()).as(record.toString()).isEqualTo("OPENAI");
    assertThat(agent.path("model").asString()).isEqualTo(MODEL);
    assertThat(agent.path("toolCalls")).hasSize(1);
    JsonNode recorded = agent.path("toolCalls").get(0);
    assertThat(recorded.path("name").asString()).isEqualTo(TOOL);
    String canonical = "{\"city\":\"Paris\",\"days\":3,\"unit\":\"celsius\"}";
    assertThat(recorded.path("argumentsSha256").asString())
        .isEqualTo(sha256(canonical))
        .isNotEqualTo(sha256(arguments));

    // A search by tool finds both requests (each offers the tool); only the first called it.
    List<JsonNode> found = search("tool=" + TOOL + "&caller=" + caller);
    assertThat(found).hasSize(2);
    assertThat(found)
        .filteredOn(r -> !r.path("agent").path("toolCalls").isEmpty())
        .extracting(r -> r.path("id").asString())
        .containsExactly(auditId);
  }

  @Test
  void streamedArgumentsArriveInManyFragmentsAndAssembleWithThePlantedKeyMasked() throws Exception {
    String caller = "openai-stream-" + RUN;
    OpenAIClient client = client(domain.token(caller, "demo-users"));
    ChatCompletionCreateParams ask =
        ChatCompletionCreateParams.builder()
            .model(MODEL)
            .addTool(weatherTool())
            .addUserMessage(
                TOOL + " {\"city\": \"Paris\", \"note\": \"rotate " + PLANTED_KEY + " now\"}")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();

    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    StringBuilder joined = new StringBuilder();
    int chunks = 0;
    int argumentChunks = 0;
    String auditId;
    try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> response =
        client.chat().completions().withRawResponse().createStreaming(ask)) {
      assertThat(response.statusCode()).isEqualTo(200);
      auditId = response.headers().values("Gatehouse-Audit-Id").get(0);
      try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
        for (ChatCompletionChunk chunk :
            (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
          accumulator.accumulate(chunk);
          chunks++;
          // A fragment the key was cut from may arrive emptied: the masked form is in another.
          List<String> pieces =
              chunk.choices().stream()
                  .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
                  .flatMap(t -> t.function().flatMap(f -> f.arguments()).stream())
                  .toList();
          argumentChunks += pieces.isEmpty() ? 0 : 1;
          pieces.forEach(joined::append);
        }
      }
    }

    // Many events, most of them a few characters of the arguments.
    assertThat(chunks).isGreaterThan(10);
    assertThat(argumentChunks).isGreaterThan(10);
    ChatCompletion whole = accumulator.chatCompletion();
    ChatCompletion.Choice choice = whole.choices().get(0);
    assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    ChatCompletionMessageFunctionToolCall call =
        choice.message().toolCalls().orElseThrow().get(0).asFunction();
    assertThat(call.function().name()).isEqualTo(TOOL);
    String masked = "{\"city\":\"Paris\",\"note\":\"rotate " + MASKED_KEY + " now\"}";
    assertThat(call.function().arguments())
        .isEqualTo(masked)
        .doesNotContain(PLANTED_KEY)
        .doesNotContain("OPENAIit0nly");
    assertThat(joined.toString()).isEqualTo(masked);
    assertThat(whole.usage()).isPresent();

    // The gateway read the call from the answer as the caller received it: masked.
    String record = domain.completedAuditRecord(auditId);
    assertThat(record).doesNotContain(PLANTED_KEY);
    JsonNode recorded = JSON.readTree(record).path("agent").path("toolCalls").get(0);
    assertThat(recorded.path("name").asString()).isEqualTo(TOOL);
    assertThat(recorded.path("argumentsSha256").asString())
        .isEqualTo(sha256("{\"city\":\"Paris\",\"note\":\"rotate " + MASKED_KEY + " now\"}"));
  }

  @Test
  void aToolCallTheRulesDenyNeverReachesTheCallersToolRunnerStreamedOrWhole() throws Exception {
    String connection = "oa-guard-" + RUN;
    TestConnections.register(
        domain,
        connection,
        domain.value("GATEHOUSE_DEMO_AGENT_URL"),
        "\"credentialKind\":\"BEARER\",\"secret\":"
            + AdminApi.str(domain.demoAgentCredential())
            + ",\"protocol\":\"openai\"");
    AdminApi admin = AdminApi.admin(domain);
    HttpResponse<String> rule =
        admin.post(
            "/api/v1/policies",
            "{\"name\":\"no-atlantis-"
                + RUN
                + "\",\"connection\":\""
                + connection
                + "\",\"target\":\"TOOL\",\"selector\":\""
                + TOOL
                + "\",\"argumentPointer\":\"/city\",\"pattern\":\"Atlantis\","
                + "\"action\":\"BLOCK\",\"message\":\"No weather for sunken cities.\"}");
    assertThat(rule.statusCode()).as(rule.body()).isEqualTo(201);
    try {
      OpenAIClient client = client(domain.token("oa-guard-" + RUN, "demo-users"), connection);
      ChatCompletionCreateParams sunken =
          ChatCompletionCreateParams.builder()
              .model(MODEL)
              .addTool(weatherTool())
              .addUserMessage(TOOL + " {\"city\": \"Atlantis\", \"days\": 3}")
              .build();

      // Streamed: the call's events are held until its arguments are whole, then dropped.
      List<ChatCompletionChunk> received = new java.util.ArrayList<>();
      String auditId;
      RuntimeException ended = null;
      try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> response =
          client.chat().completions().withRawResponse().createStreaming(sunken)) {
        auditId = response.headers().values("Gatehouse-Audit-Id").get(0);
        try (StreamResponse<ChatCompletionChunk> stream = response.parse()) {
          stream.stream().forEach(received::add);
        } catch (RuntimeException e) {
          ended = e;
        }
      }
      assertThat(received)
          .as("no chunk of the denied call reached the SDK")
          .allSatisfy(
              chunk ->
                  assertThat(chunk.choices())
                      .allSatisfy(c -> assertThat(c.delta().toolCalls()).isEmpty()));
      assertThat(ended).as("the stream ends with the gateway's error event").isNotNull();
      String record = domain.completedAuditRecord(auditId);
      assertThat(Json.field(record, "decision")).isEqualTo("BLOCKED");
      assertThat(Json.field(record, "reason")).isEqualTo("tool_denied");
      assertThat(record).contains("answer:tool:" + TOOL);

      // Whole: refused before a byte of the answer is relayed.
      Throwable refused =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> client.chat().completions().create(sunken));
      assertThat(refused).isNotNull().hasMessageContaining("tool_denied");

      // Another city is another call: it arrives.
      ChatCompletion paris =
          client
              .chat()
              .completions()
              .create(
                  ChatCompletionCreateParams.builder()
                      .model(MODEL)
                      .addTool(weatherTool())
                      .addUserMessage(TOOL + " {\"city\": \"Paris\"}")
                      .build());
      assertThat(paris.choices().get(0).message().toolCalls().orElseThrow()).hasSize(1);
    } finally {
      admin.delete("/api/v1/policies/" + Json.field(rule.body(), "id"));
    }
  }

  /** The official client, its requests carrying the caller's token, trusting the listener. */
  private OpenAIClient client(String callerToken) {
    return client(callerToken, "demo");
  }

  private OpenAIClient client(String callerToken, String connection) {
    Path listenerCertificate = Path.of(domain.value("GATEHOUSE_LISTENER_CERT"));
    return OpenAIOkHttpClient.builder()
        .baseUrl("https://localhost:" + domain.httpsPort() + "/gw/" + connection + "/v1")
        // The gateway reads the caller's token from "Authorization: Bearer", as the SDK sends it.
        .apiKey(callerToken)
        // OkHttp takes the socket factory and the trust manager behind it separately.
        .sslSocketFactory(TestDomain.sslContextTrusting(listenerCertificate).getSocketFactory())
        .trustManager(TestDomain.trustManagerTrusting(listenerCertificate))
        .timeout(Duration.ofSeconds(30))
        // A retry would be a second exchange, with its own audit record.
        .maxRetries(0)
        .build();
  }

  private static ChatCompletionFunctionTool weatherTool() {
    return ChatCompletionFunctionTool.builder()
        .function(
            FunctionDefinition.builder()
                .name(TOOL)
                .description("The weather in a city over the next days.")
                .parameters(
                    FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty(
                            "properties",
                            JsonValue.from(
                                Map.of(
                                    "city", Map.of("type", "string"),
                                    "unit",
                                        Map.of(
                                            "type",
                                            "string",
                                            "enum",
                                            List.of("celsius", "fahrenheit")),
                                    "days", Map.of("type", "integer"),
                                    "note", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build())
        .build();
  }

  private List<JsonNode> search(String query) throws Exception {
    HttpResponse<String> response =
        domain
            .client()
            .send(
                domain
                    .request("/api/v1/audit?connection=demo&" + query)
                    .header("Authorization", "Bearer " + auditorToken)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> records = new ArrayList<>();
    JSON.readTree(response.body()).forEach(records::add);
    return records;
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
