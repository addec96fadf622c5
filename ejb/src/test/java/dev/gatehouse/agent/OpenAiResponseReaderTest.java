package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.platform.Jsonp;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiResponseReaderTest {

  private static String digest(String json) {
    try (var reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      return CanonicalJson.sha256(reader.readValue());
    }
  }

  private static String chunk(String choices) {
    return "data: {\"object\":\"chat.completion.chunk\",\"choices\":" + choices + "}\n\n";
  }

  @Test
  void joinsStreamedArgumentFragmentsPerChoiceAndCall() {
    String stream =
        chunk(
                "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\","
                    + "\"function\":{\"name\":\"search\",\"arguments\":\"\"}}]}}]")
            + chunk(
                "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"c2\","
                    + "\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"id\\\":\"}}]}}]")
            + chunk(
                "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                    + "\"function\":{\"arguments\":\"{\\\"q\\\": \\\"x\"}}]}}]")
            + chunk(
                "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,"
                    + "\"function\":{\"arguments\":\"7}\"}}]}}]")
            + chunk(
                "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                    + "\"function\":{\"arguments\":\"\\\"}\"}}]}}]")
            + "data: [DONE]\n\n";
    List<ToolCall> calls = OpenAiResponseReader.toolCalls(stream, true);
    assertThat(calls).extracting(ToolCall::name).containsExactly("search", "lookup");
    assertThat(calls.get(0).argumentsSha256()).isEqualTo(digest("{\"q\":\"x\"}"));
    assertThat(calls.get(1).argumentsSha256()).isEqualTo(digest("{\"id\":7}"));
  }

  @Test
  void readsCallsOfAWholeAnswerInBothApis() {
    String chat =
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"tool_calls\":[{\"id\":"
            + "\"c1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
            + "\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}";
    assertThat(OpenAiResponseReader.toolCalls(chat, false))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("get_weather");
              assertThat(c.argumentsSha256()).isEqualTo(digest("{\"city\":\"Oslo\"}"));
            });
    String responses =
        "{\"output\":[{\"type\":\"message\"},{\"type\":\"function_call\",\"call_id\":\"c9\","
            + "\"name\":\"delete_records\",\"arguments\":\"{\\\"table\\\":\\\"users\\\"}\"}]}";
    assertThat(OpenAiResponseReader.toolCalls(responses, false))
        .extracting(ToolCall::name)
        .containsExactly("delete_records");
  }

  @Test
  void joinsStreamedResponsesArgumentsPerItem() {
    String stream =
        "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\","
            + "\"output_index\":1,\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"name\":"
            + "\"search\",\"arguments\":\"\"}}\n\n"
            + "data: {\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\","
            + "\"delta\":\"{\\\"q\\\":\"}\n\n"
            + "data: {\"type\":\"response.function_call_arguments.delta\",\"item_id\":\"fc_1\","
            + "\"delta\":\"\\\"y\\\"}\"}\n\n";
    assertThat(OpenAiResponseReader.toolCalls(stream, true))
        .singleElement()
        .satisfies(c -> assertThat(c.argumentsSha256()).isEqualTo(digest("{\"q\":\"y\"}")));
  }

  @Test
  void anAnswerWithoutCallsOrUnreadableYieldsNone() {
    assertThat(OpenAiResponseReader.toolCalls("{\"choices\":[{\"message\":{}}]}", false)).isEmpty();
    assertThat(OpenAiResponseReader.toolCalls("not json", false)).isEmpty();
    assertThat(OpenAiResponseReader.toolCalls("data: not json\n\n", true)).isEmpty();
  }
}
