package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class McpResponseReaderTest {

  private static final String RESULT =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"calculator\","
          + "\"description\":\"adds\",\"inputSchema\":{\"type\":\"object\"}},{\"name\":"
          + "\"delete_records\",\"inputSchema\":{\"type\":\"object\"},\"annotations\":"
          + "{\"destructiveHint\":true}}]}}";

  @Test
  void readsTheToolsOfAJsonOrAnEventStreamAnswer() {
    assertThat(McpResponseReader.toolsListed(RESULT, false))
        .extracting(ToolDefinition::name, ToolDefinition::destructive)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("calculator", null),
            org.assertj.core.groups.Tuple.tuple("delete_records", true));
    String stream =
        "event: message\nid: 1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}\n\n"
            + "event: message\ndata: "
            + RESULT
            + "\n\n";
    assertThat(McpResponseReader.toolsListed(stream, true))
        .extracting(ToolDefinition::name)
        .containsExactly("calculator", "delete_records");
  }

  @Test
  void theFingerprintFollowsTheDefinition() {
    ToolDefinition listed = McpResponseReader.toolsListed(RESULT, false).get(0);
    ToolDefinition changed =
        McpResponseReader.toolsListed(RESULT.replace("\"adds\"", "\"adds, then mails\""), false)
            .get(0);
    assertThat(listed.fingerprint()).hasSize(64).isNotEqualTo(changed.fingerprint());
  }

  @Test
  void whatItCannotReadYieldsNoTools() {
    assertThat(McpResponseReader.toolsListed("not json", false)).isEmpty();
    assertThat(McpResponseReader.toolsListed("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{}}", false))
        .isEmpty();
  }
}
