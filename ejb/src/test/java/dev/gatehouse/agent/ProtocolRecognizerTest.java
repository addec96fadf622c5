package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolRecognizerTest {

  @Test
  void recognisesMcpEndpointsOpenAiPathsAndPlainHttp() {
    assertThat(ProtocolRecognizer.recognize("POST", "/mcp", "application/json", false))
        .isEqualTo(AgentProtocol.MCP);
    assertThat(ProtocolRecognizer.recognize("GET", "/v1/mcp/", null, false))
        .isEqualTo(AgentProtocol.MCP);
    assertThat(ProtocolRecognizer.recognize("POST", "/rpc", "application/json", true))
        .isEqualTo(AgentProtocol.MCP);
    assertThat(
            ProtocolRecognizer.recognize(
                "POST", "/v1/chat/completions", "application/json; charset=utf-8", false))
        .isEqualTo(AgentProtocol.OPENAI);
    assertThat(ProtocolRecognizer.recognize("POST", "/v1/responses", "application/json", false))
        .isEqualTo(AgentProtocol.OPENAI);
    assertThat(ProtocolRecognizer.recognize("GET", "/v1/chat/completions", null, false))
        .isEqualTo(AgentProtocol.HTTP);
    assertThat(ProtocolRecognizer.recognize("POST", "/v1/mcpish", "application/json", false))
        .isEqualTo(AgentProtocol.HTTP);
    assertThat(ProtocolRecognizer.recognize("POST", "/test/echo", "text/plain", false))
        .isEqualTo(AgentProtocol.HTTP);
  }

  @Test
  void readsAJsonRpcBodyAsMcpOnAnyPathButOnlyAJsonPost() {
    byte[] rpc = "{ \"id\":1, \"jsonrpc\":\"2.0\",\"method\":\"tools/call\"}".getBytes();
    assertThat(ProtocolRecognizer.recognize("POST", "/rpc", "application/json", false, rpc))
        .isEqualTo(AgentProtocol.MCP);
    assertThat(ProtocolRecognizer.recognize("POST", "/rpc", "text/plain", false, rpc))
        .isEqualTo(AgentProtocol.HTTP);
    assertThat(
            ProtocolRecognizer.recognize(
                "POST", "/rpc", "application/json", false, "{\"rpc\":1}".getBytes()))
        .isEqualTo(AgentProtocol.HTTP);
    assertThat(ProtocolRecognizer.recognize("POST", "/rpc", "application/json", false, null))
        .isEqualTo(AgentProtocol.HTTP);
    assertThat(ProtocolRecognizer.needsBody("POST", "application/json")).isTrue();
    assertThat(ProtocolRecognizer.needsBody("GET", "application/json")).isFalse();
  }
}
