package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.RuleHit;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InitializeCapabilitiesTest {

  private static final String INITIALIZE =
      "{\"jsonrpc\": \"2.0\", \"id\": 0, \"method\": \"initialize\", \"params\": {"
          + "\"protocolVersion\": \"2025-06-18\", \"capabilities\": {\"roots\": {\"listChanged\":"
          + " true}, \"sampling\": {}, \"elicitation\": {\"form\": {}}, \"experimental\": {\"x\":"
          + " 1}}, \"clientInfo\": {\"name\": \"c\", \"version\": \"1\"}}}";

  private static JsonObject json(String text) {
    return Jsonp.PROVIDER.createReader(new StringReader(text)).readObject();
  }

  @Test
  void takesOutTheCapabilitiesThatInviteServerRequestsAndKeepsTheRest() {
    InitializeCapabilities.Stripped stripped =
        InitializeCapabilities.strip(INITIALIZE).orElseThrow();

    assertThat(stripped.removed()).containsExactly("sampling", "elicitation", "roots");
    JsonObject message = json(stripped.body());
    JsonObject params = message.getJsonObject("params");
    assertThat(params.getJsonObject("capabilities").keySet()).containsExactly("experimental");
    assertThat(params.getString("protocolVersion")).isEqualTo("2025-06-18");
    assertThat(params.getJsonObject("clientInfo").getString("name")).isEqualTo("c");
    assertThat(message.getInt("id")).isZero();
    assertThat(message.keySet()).containsExactly("jsonrpc", "id", "method", "params");
  }

  @Test
  void aBodyWithNothingToTakeOutIsLeftAsItCame() {
    assertThat(
            InitializeCapabilities.strip(
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                    + "\"capabilities\":{\"experimental\":{}}}}"))
        .isEmpty();
    assertThat(
            InitializeCapabilities.strip(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"initialize\",\"arguments\":{\"capabilities\":{\"sampling\":{}}}}}"))
        .as("only an initialize declares capabilities")
        .isEmpty();
    assertThat(InitializeCapabilities.strip("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}"))
        .isEmpty();
  }

  @Test
  void namesWrittenWithEscapesAreFoundToo() {
    String escaped =
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"\\u0069nitialize\",\"params\":{"
            + "\"capabilities\":{\"\\u0073ampling\":{}}}}";
    InitializeCapabilities.Stripped stripped = InitializeCapabilities.strip(escaped).orElseThrow();
    assertThat(stripped.removed()).containsExactly("sampling");
    assertThat(json(stripped.body()).getJsonObject("params").getJsonObject("capabilities"))
        .isEmpty();
  }

  @Test
  void anInitializeInABatchIsStrippedToo() {
    String batch =
        "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
            + "\"capabilities\":{\"roots\":{}}}}]";
    InitializeCapabilities.Stripped stripped = InitializeCapabilities.strip(batch).orElseThrow();
    assertThat(stripped.removed()).containsExactly("roots");
    assertThat(stripped.body())
        .isEqualTo(
            "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"capabilities\":{}}}]");
  }

  @Test
  void theExchangeForwardsAndRecordsTheStrippedBodyAndSaysWhatWasRemoved() {
    byte[] sent = INITIALIZE.getBytes(StandardCharsets.UTF_8);
    ProxyExchange exchange =
        ProxyExchange.builder()
            .connectionName("c")
            .method("POST")
            .path("/mcp")
            .body(new ByteArrayInputStream(sent))
            .build();
    byte[] body = exchange.body(1_000_000);

    InitializeCapabilities.stripFrom(exchange, body);

    String forwarded = new String(exchange.body(1_000_000), StandardCharsets.UTF_8);
    assertThat(json(forwarded).getJsonObject("params").getJsonObject("capabilities").keySet())
        .containsExactly("experimental");
    assertThat(exchange.bodyIfRead()).isEqualTo(exchange.body(1_000_000));
    assertThat(exchange.bytesIn()).isEqualTo(sent.length);
    assertThat(exchange.ruleHits())
        .containsExactly(
            new RuleHit(null, "BLOCK", "mcp:client-capability:sampling"),
            new RuleHit(null, "BLOCK", "mcp:client-capability:elicitation"),
            new RuleHit(null, "BLOCK", "mcp:client-capability:roots"));

    // Stripping again (a held request sent again) changes nothing more.
    InitializeCapabilities.stripFrom(exchange, exchange.body(1_000_000));
    assertThat(new String(exchange.body(1_000_000), StandardCharsets.UTF_8)).isEqualTo(forwarded);
    assertThat(exchange.ruleHits()).hasSize(3);
  }
}
