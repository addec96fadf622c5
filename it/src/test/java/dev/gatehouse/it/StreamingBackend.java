package dev.gatehouse.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An HTTPS backend on raw sockets (JDK only) that streams scripted answers the way AI services do:
 * the last segment of the request path names a {@link #SCRIPTS script}, whose events are sent one
 * HTTP chunk each, {@link #PAUSE_MILLIS} apart, with an OpenAI key and an AWS key cut mid-key
 * across events — in tool-call arguments of two calls taking turns, in two choices taking turns, in
 * Responses API text and argument deltas, in Anthropic text and JSON deltas, and in Ollama's
 * newline-delimited JSON. Any other path is answered 404.
 */
final class StreamingBackend extends RawTlsBackend {

  static final String OPENAI_KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";
  static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

  static final int PAUSE_MILLIS = 150;

  /** A scripted answer: its content type and its events, framing included. */
  record Script(String contentType, List<String> events) {}

  private static final String CHUNK =
      "data: {\"id\":\"chatcmpl-9x\",\"object\":\"chat.completion.chunk\",\"created\":1733600000,"
          + "\"model\":\"gpt-4o-2024-08-06\",\"choices\":";

  private static String chat(String choices) {
    return CHUNK + choices + "}\n\n";
  }

  private static String toolArgs(int call, String arguments) {
    return chat(
        "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":"
            + call
            + ",\"function\":{\"arguments\":"
            + quote(arguments)
            + "}}]},\"finish_reason\":null}]");
  }

  private static String content(int choice, String text) {
    return chat(
        "[{\"index\":"
            + choice
            + ",\"delta\":{\"content\":"
            + quote(text)
            + "},\"finish_reason\":null}]");
  }

  private static String responses(String type, String body) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\"" + body + "}\n\n";
  }

  private static String textDelta(int sequence, String delta) {
    return responses(
        "response.output_text.delta",
        ",\"sequence_number\":"
            + sequence
            + ",\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":"
            + quote(delta));
  }

  private static String argumentsDelta(int sequence, String delta) {
    return responses(
        "response.function_call_arguments.delta",
        ",\"sequence_number\":"
            + sequence
            + ",\"item_id\":\"fc_1\",\"output_index\":1,\"delta\":"
            + quote(delta));
  }

  private static String anthropic(String type, String body) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\"" + body + "}\n\n";
  }

  private static String ollama(String content, boolean done) {
    return "{\"model\":\"llama3.2\",\"created_at\":\"2024-07-22T20:33:28.123648Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":"
        + quote(content)
        + "},\"done\":"
        + done
        + "}\n";
  }

  /** Two tool calls taking turns, their arguments cut mid-key across events. */
  static final Script OPENAI_TOOL_ARGS =
      new Script(
          "text/event-stream",
          List.of(
              chat(
                  "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
                      + "\"tool_calls\":[{\"index\":0,\"id\":\"call_DdmO9pD3xa9XTPNJ\","
                      + "\"type\":\"function\",\"function\":{\"name\":\"search_keys\","
                      + "\"arguments\":\"\"}}]},\"finish_reason\":null}]"),
              chat(
                  "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,"
                      + "\"id\":\"call_1xa9XTPNJ32zg2\",\"type\":\"function\","
                      + "\"function\":{\"name\":\"aws_lookup\",\"arguments\":\"\"}}]},"
                      + "\"finish_reason\":null}]"),
              toolArgs(0, "{\"query\": \"rotate sk-proj-AbCd"),
              toolArgs(1, "{\"key_id\": \"AKIAIOSF"),
              toolArgs(0, "Ef1234567890GhIjKl"),
              toolArgs(1, "ODNN7EXAMPLE\", "),
              toolArgs(0, "MnOpQrStUvWxYz now\", "),
              toolArgs(1, "\"region\": \"eu-west-1\"}"),
              toolArgs(0, "\"limit\": 3}"),
              chat("[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]"),
              "data: [DONE]\n\n"));

  static final Map<String, Script> SCRIPTS =
      Map.of(
          "openai-tool-args",
          OPENAI_TOOL_ARGS,
          "completions", // the same tool-call stream, at the Chat Completions path
          OPENAI_TOOL_ARGS,
          "openai-choices",
          new Script(
              "text/event-stream",
              List.of(
                  content(0, "Key: sk-proj-AbCdEf12"),
                  content(1, "Id: AKIAIOSFO"),
                  content(0, "34567890GhIjKlMnOpQrStUvWxYz"),
                  content(1, "DNN7EXAMPLE"),
                  content(0, " is"),
                  content(1, " is"),
                  content(0, " yours,"),
                  content(1, " too,"),
                  content(0, " keep"),
                  content(1, " them"),
                  content(0, " safe."),
                  content(1, " safe."),
                  "data: [DONE]\n\n")),
          "responses",
          new Script(
              "text/event-stream",
              List.of(
                  responses(
                      "response.created",
                      ",\"sequence_number\":0,\"response\":{\"id\":\"resp_67c9fdcecf48\","
                          + "\"object\":\"response\",\"status\":\"in_progress\",\"output\":[]}"),
                  textDelta(1, "Use sk-proj-AbCdEf"),
                  argumentsDelta(2, "{\"key\": \"AKIAIOSFOD"),
                  textDelta(3, "1234567890GhIjKlMnOpQrStUvWxYz now. "),
                  argumentsDelta(4, "NN7EXAMPLE\", "),
                  textDelta(5, "Done"),
                  argumentsDelta(6, "\"dry_run\": true}"),
                  responses(
                      "response.output_text.done",
                      ",\"sequence_number\":7,\"item_id\":\"msg_1\",\"output_index\":0,"
                          + "\"content_index\":0,\"text\":\"Use "
                          + OPENAI_KEY
                          + " now. Done\""),
                  responses(
                      "response.completed",
                      ",\"sequence_number\":8,\"response\":{\"id\":\"resp_67c9fdcecf48\","
                          + "\"object\":\"response\",\"status\":\"completed\",\"output\":[]}"))),
          "anthropic",
          new Script(
              "text/event-stream",
              List.of(
                  anthropic(
                      "message_start",
                      ",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\","
                          + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\"}"),
                  anthropic(
                      "content_block_start",
                      ",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}"),
                  anthropic("ping", ""),
                  anthropic(
                      "content_block_delta",
                      ",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Key: sk-proj-Ab\"}"),
                  anthropic(
                      "content_block_delta",
                      ",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                          + "\"text\":\"CdEf1234567890GhIjKlMn\"}"),
                  anthropic(
                      "content_block_delta",
                      ",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                          + "\"text\":\"OpQrStUvWxYz done.\"}"),
                  anthropic("content_block_stop", ",\"index\":0"),
                  anthropic(
                      "content_block_delta",
                      ",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                          + "\"partial_json\":\"{\\\"id\\\": \\\"AKIAIO\"}"),
                  anthropic(
                      "content_block_delta",
                      ",\"index\":1,\"delta\":{\"type\":\"input_json_delta\","
                          + "\"partial_json\":\"SFODNN7EXAMPLE\\\"}\"}"),
                  anthropic("content_block_stop", ",\"index\":1"),
                  anthropic("message_stop", ""))),
          "ndjson",
          new Script(
              "application/x-ndjson",
              List.of(
                  ollama("The key is sk-proj-AbCdEf12", false),
                  ollama("34567890GhIjKlMnOpQrSt", false),
                  ollama("UvWxYz, and AKIAIOSF", false),
                  ollama("ODNN7EXAMPLE too.", false),
                  ollama(" Keep", false),
                  ollama(" them", false),
                  ollama(" safe.", false),
                  ollama("", true))));

  private StreamingBackend(TestDomain domain) throws Exception {
    super(domain);
  }

  static StreamingBackend start(TestDomain domain) throws Exception {
    return new StreamingBackend(domain).start(StreamingBackend.class);
  }

  @Override
  void answer(Socket plain, String head, String target, InputStream in, OutputStream out)
      throws IOException, InterruptedException {
    Script script = SCRIPTS.get(lastSegment(target));
    if (script == null) {
      out.write(
          "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return;
    }
    out.write(
        ("HTTP/1.1 200 OK\r\nContent-Type: "
                + script.contentType()
                + "\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    for (String event : script.events()) {
      chunk(out, event.getBytes(StandardCharsets.UTF_8));
      Thread.sleep(PAUSE_MILLIS);
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** The text as a JSON string literal (the scripts' texts hold only quotes to escape). */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
