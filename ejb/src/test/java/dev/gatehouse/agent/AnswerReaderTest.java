package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerReaderTest {

  @Test
  void readsChatCompletionsUsageWholeAndFromTheLastChunkOfAStream() {
    assertThat(
            AnswerReader.openAiUsage(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,"
                    + "\"total_tokens\":17}}",
                false))
        .isEqualTo(new AgentAnswer(12L, 5L, null));
    String stream =
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":9}}\n\n"
            + "data: [DONE]\n\n";
    assertThat(AnswerReader.openAiUsage(stream, true)).isEqualTo(new AgentAnswer(30L, 9L, null));
  }

  @Test
  void readsResponsesApiUsageFromTheCompletedEvent() {
    String stream =
        "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
            + "\"delta\":\"x\"}\n\n"
            + "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":"
            + "{\"id\":\"r\",\"usage\":{\"input_tokens\":40,\"output_tokens\":3}}}\n\n";
    assertThat(AnswerReader.openAiUsage(stream, true)).isEqualTo(new AgentAnswer(40L, 3L, null));
  }

  @Test
  void anAnswerWithoutUsageSaysNothing() {
    assertThat(AnswerReader.openAiUsage("{\"choices\":[]}", false).isEmpty()).isTrue();
    assertThat(AnswerReader.openAiUsage("not json", false).isEmpty()).isTrue();
  }

  @Test
  void readsIsErrorOfTheToolCallsOwnResponseAfterNotifications() {
    String stream =
        "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
            + "\"params\":{\"result\":\"noise\"}}\n\n"
            + "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"content\":[],"
            + "\"isError\":true}}\n\n";
    assertThat(AnswerReader.mcpToolResult(stream, true, "3").toolError()).isTrue();
    assertThat(AnswerReader.mcpToolResult(stream, true, "4").isEmpty()).isTrue();
    assertThat(
            AnswerReader.mcpToolResult(
                    "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{\"content\":[]}}",
                    false,
                    "\"a\"")
                .toolError())
        .isFalse();
  }
}
