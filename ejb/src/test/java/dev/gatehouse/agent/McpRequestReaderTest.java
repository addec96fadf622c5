package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class McpRequestReaderTest {

  private static AgentFacts read(String body) {
    return McpRequestReader.read(body, null, null, null, "s-1");
  }

  private static String reason(Runnable read) {
    try {
      read.run();
    } catch (AgentRequestRefused e) {
      return e.reason() + " " + e.jsonRpcCode() + " " + e.jsonRpcId();
    }
    return "accepted";
  }

  @Test
  void readsAToolCallWithTheDigestOfItsCanonicalArguments() {
    AgentFacts facts =
        read(
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"delete_records\",\"arguments\":{\"table\":\"users\",\"limit\":10}}}");
    assertThat(facts.protocol()).isEqualTo(AgentProtocol.MCP);
    assertThat(facts.mcpMethod()).isEqualTo("tools/call");
    assertThat(facts.mcpSessionId()).isEqualTo("s-1");
    assertThat(facts.jsonRpcId()).isEqualTo("7");
    assertThat(facts.toolCalls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("delete_records");
              assertThat(c.argumentsSha256())
                  .isEqualTo(
                      read("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"tools/call\",\"params\":"
                              + "{\"arguments\":{\"limit\":10.0, \"table\":\"\\u0075sers\"},"
                              + "\"name\":\"delete_records\"}}")
                          .toolCalls()
                          .get(0)
                          .argumentsSha256())
                  .hasSize(64);
            });
  }

  @Test
  void acceptsNotificationsResponsesAndOtherMethods() {
    assertThat(read("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").mcpMethod())
        .isEqualTo("notifications/initialized");
    assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}").mcpMethod()).isNull();
    assertThat(
            read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}")
                .toolCalls())
        .isEmpty();
  }

  @Test
  void refusesWhatIsNotJsonRpcMcp() {
    assertThat(reason(() -> read("{not json"))).isEqualTo("mcp_parse_error -32700 null");
    assertThat(reason(() -> read("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}")))
        .isEqualTo("mcp_invalid_request -32600 5");
    assertThat(reason(() -> read("{\"jsonrpc\":\"2.0\",\"id\":\"a\"}")))
        .isEqualTo("mcp_invalid_request -32600 \"a\"");
    assertThat(reason(() -> read("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}")))
        .startsWith("mcp_invalid_request");
    assertThat(reason(() -> read("[]"))).startsWith("mcp_invalid_request");
    assertThat(reason(() -> read("\"tools/call\""))).startsWith("mcp_invalid_request");
    assertThat(
            reason(
                () ->
                    read(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                            + "\"params\":{\"arguments\":{}}}")))
        .startsWith("mcp_invalid_request");
    assertThat(
            reason(
                () ->
                    read(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                            + "\"params\":{\"name\":\"x\",\"arguments\":[1]}}")))
        .startsWith("mcp_invalid_request");
  }

  @Test
  void batchesOnlyWhereTheRevisionAllowsThem() {
    String batch =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\"}},"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"b\"}}]";
    assertThat(McpRequestReader.read(batch, "2025-03-26", null, null, null).toolCalls())
        .extracting(ToolCall::name)
        .containsExactly("a", "b");
    assertThat(McpRequestReader.read(batch, null, null, null, null).toolCalls()).hasSize(2);
    assertThatThrownBy(() -> McpRequestReader.read(batch, "2025-06-18", null, null, null))
        .isInstanceOfSatisfying(
            AgentRequestRefused.class,
            e -> assertThat(e.reason()).isEqualTo("mcp_batch_not_allowed"));
  }

  @Test
  void theStatelessHeadersMustNameWhatTheBodyDoes() {
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"delete_records\",\"arguments\":{}}}";
    assertThat(McpRequestReader.read(call, "2026-07-28", "tools/call", "delete_records", null))
        .isNotNull();
    assertThat(
            reason(
                () -> McpRequestReader.read(call, "2026-07-28", "tools/call", "get_weather", null)))
        .isEqualTo("mcp_header_mismatch -32600 9");
    assertThat(reason(() -> McpRequestReader.read(call, "2026-07-28", "tools/list", null, null)))
        .startsWith("mcp_header_mismatch");
    String read =
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/read\",\"params\":{\"uri\":"
            + "\"file:///etc/app.conf\"}}";
    assertThat(
            McpRequestReader.read(
                read, "2026-07-28", "resources/read", "file:///etc/app.conf", null))
        .isNotNull();
    assertThat(
            reason(
                () ->
                    McpRequestReader.read(
                        read, "2026-07-28", "resources/read", "file:///tmp/x", null)))
        .startsWith("mcp_header_mismatch");
  }

  @Test
  void aSecondMessageBehindTheFirstIsRefusedNotJudgedOnTheFirstAlone() {
    String smuggled =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"delete_records\",\"arguments\":{}}}";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> McpRequestReader.read(smuggled, "2025-06-18", null, null, null))
        .isInstanceOf(AgentRequestRefused.class)
        .hasFieldOrPropertyWithValue("reason", "mcp_parse_error");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> OpenAiRequestReader.read("{\"model\":\"a\"} {\"model\":\"b\"}"))
        .isInstanceOf(AgentRequestRefused.class);
  }

  @Test
  void aMemberNamedTwiceIsRefusedNotChosen() {
    // A tree keeps the last name; a backend may keep the first. Neither is the gateway's choice.
    assertThat(
            reason(
                () ->
                    read(
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                            + "{\"name\":\"delete_records\",\"name\":\"read_config\"}}")))
        .isEqualTo("mcp_invalid_request -32600 null");
    assertThat(
            reason(
                () ->
                    read(
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\","
                            + "\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}")))
        .isEqualTo("mcp_invalid_request -32600 null");
    assertThat(
            reason(
                () ->
                    read(
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                            + "{\"name\":\"x\",\"arguments\":{\"path\":\"/tmp\",\"p\\u0061th\":\"/\"}}}")))
        .isEqualTo("mcp_invalid_request -32600 null");
  }
}
