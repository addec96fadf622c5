package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamedToolCallGuardTest {

  /** A chat stream: text, then a call of {@code tool} whose arguments come in 3-byte fragments. */
  private static String chat(String tool, String arguments) {
    StringBuilder s = new StringBuilder();
    s.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Let me check.\"}}]}\n\n");
    s.append(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\",")
        .append("\"type\":\"function\",\"function\":{\"name\":\"")
        .append(tool)
        .append("\",\"arguments\":\"\"}}]}}]}\n\n");
    for (int i = 0; i < arguments.length(); i += 3) {
      String fragment = arguments.substring(i, Math.min(arguments.length(), i + 3));
      s.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,")
          .append("\"function\":{\"arguments\":\"")
          .append(fragment.replace("\"", "\\\""))
          .append("\"}}]}}]}\n\n");
    }
    s.append(
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n");
    s.append("data: [DONE]\n\n");
    return s.toString();
  }

  private final List<ToolCall> cut = new ArrayList<>();

  private String guard(String stream, int chunk) throws IOException {
    InputStream slow =
        new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
          }
        };
    try (InputStream in =
        new StreamedToolCallGuard(
            slow,
            call ->
                call.name().equals("shell") && call.canonicalArguments().contains("rm -rf")
                    ? new ToolJudge.Refusal("tool_denied", "r1", "No rm.")
                    : null,
            (call, refusal) -> cut.add(call))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void anAllowedCallPassesWholeAndInOrder() throws IOException {
    String stream = chat("shell", "{\"cmd\":\"ls -la\"}");
    for (int chunk : new int[] {1, 7, 8192}) {
      assertThat(guard(stream, chunk)).isEqualTo(stream);
    }
    assertThat(cut).isEmpty();
  }

  @Test
  void aDeniedCallNeverReachesTheCallerNotEvenItsFirstFragment() throws IOException {
    String stream = chat("shell", "{\"cmd\":\"rm -rf /\"}");
    for (int chunk : new int[] {1, 5, 8192}) {
      String out = guard(stream, chunk);
      assertThat(out)
          .startsWith(
              "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Let me check.\"}}]}\n\n");
      assertThat(out).doesNotContain("tool_calls").doesNotContain("shell").doesNotContain("[DONE]");
      assertThat(out)
          .endsWith(
              StreamedToolCallGuard.errorEvent(
                  new ToolJudge.Refusal("tool_denied", "r1", "No rm.")));
    }
    assertThat(cut).extracting(ToolCall::name).containsOnly("shell");
  }

  @Test
  void aResponsesApiCallIsJudgedWhenItsItemIsDone() throws IOException {
    String stream =
        "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\","
            + "\"item\":{\"id\":\"fc1\",\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":\"\"}}\n\n"
            + "event: response.function_call_arguments.delta\ndata: {\"type\":"
            + "\"response.function_call_arguments.delta\",\"item_id\":\"fc1\",\"delta\":\"{\\\"cmd\\\":\\\"rm\"}\n\n"
            + "event: response.function_call_arguments.delta\ndata: {\"type\":"
            + "\"response.function_call_arguments.delta\",\"item_id\":\"fc1\",\"delta\":\" -rf /\\\"}\"}\n\n"
            + "event: response.output_item.done\ndata: {\"type\":\"response.output_item.done\","
            + "\"item\":{\"id\":\"fc1\",\"type\":\"function_call\",\"name\":\"shell\","
            + "\"arguments\":\"{\\\"cmd\\\":\\\"rm -rf /\\\"}\"}}\n\n"
            + "event: response.completed\ndata: {\"type\":\"response.completed\"}\n\n";
    String out = guard(stream, 3);
    assertThat(out).doesNotContain("function_call").doesNotContain("response.completed");
    assertThat(out).contains("\"code\":\"tool_denied\"");
  }
}
