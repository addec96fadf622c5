package dev.gatehouse.console.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.agent.CanonicalJson;
import dev.gatehouse.approval.Approval;
import dev.gatehouse.approval.HeldRequest;
import dev.gatehouse.approval.RequestFacts;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeldToolCallTest {

  private static String digest(String json) {
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      return CanonicalJson.sha256(reader.readValue());
    }
  }

  private static JsonValue arguments(String tool, String digest, String body) {
    return HeldToolCall.arguments(tool, digest, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void findsTheArgumentsOfTheCallOfTheTool() {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"delete_records\",\"arguments\":{\"ids\":[1,2]}}}";

    assertThat(arguments("delete_records", digest("{\"ids\":[1,2]}"), body))
        .hasToString("{\"ids\":[1,2]}");
    assertThat(arguments("search", digest("{}"), body)).isNull();
  }

  @Test
  void takesTheCallWhoseDigestIsBoundAmongSeveralInABatchAndNoArgumentsAsAnEmptyObject() {
    String batch =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"run\",\"arguments\":{\"env\":\"test\"}}},"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"run\",\"arguments\":{\"env\":\"prod\"}}},"
            + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"ls\"}}]";

    assertThat(arguments("run", digest("{\"env\":\"prod\"}"), batch))
        .hasToString("{\"env\":\"prod\"}");
    assertThat(arguments("run", "0".repeat(64), batch)).hasToString("{\"env\":\"test\"}");
    assertThat(arguments("ls", digest("{}"), batch)).isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
  }

  @Test
  void showsTheBoundCallWithItsArgumentsPrettyPrintedAndMasked() {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"mail\","
            + "\"arguments\":{\"to\":\"bob@example.com\",\"n\":1}}}";
    Approval approval =
        new Approval(
            "alice",
            new RequestFacts("demo", "POST", "/mcp", null, null, body.length(), null),
            "tool mail (rule approve-mail)",
            Instant.now(),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            1);
    approval.bindToolCall(
        "mail", digest("{\"n\":1,\"to\":\"bob@example.com\"}"), "rule-1", 3, "Sends mail.");
    HeldRequest held =
        new HeldRequest("POST", "/mcp", null, Map.of(), body.getBytes(StandardCharsets.UTF_8));

    HeldToolCall call =
        HeldToolCall.of(approval, held, text -> text.replace("bob@example.com", "[EMAIL]"));

    assertThat(call.tool()).isEqualTo("mail");
    assertThat(call.description()).isEqualTo("Sends mail.");
    assertThat(call.ruleId()).isEqualTo("rule-1");
    assertThat(call.ruleVersion()).isEqualTo(3);
    assertThat(call.arguments()).contains("\n").contains("\"to\": \"[EMAIL]\"");
    assertThat(call.argumentsMatch()).isTrue();
  }

  @Test
  void aHeldRequestThatIsNoToolCallHasNone() {
    Approval approval =
        new Approval(
            "alice",
            new RequestFacts("demo", "POST", "/v1/chat", null, null, 2, null),
            "connection requires approval",
            Instant.now(),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            1);
    HeldRequest held = new HeldRequest("POST", "/v1/chat", null, Map.of(), "{}".getBytes());

    assertThat(HeldToolCall.of(approval, held, text -> text)).isNull();
  }

  @Test
  void aBodyThatIsNotJsonHasNoArgumentsToShow() {
    assertThat(arguments("run", digest("{}"), "not json {")).isNull();
    assertThat(arguments("run", digest("{}"), "{\"method\":\"tools/call\",\"params\":[]}"))
        .isNull();
  }
}
