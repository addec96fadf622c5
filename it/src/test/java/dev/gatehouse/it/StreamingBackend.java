package dev.gatehouse.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS backend on raw sockets (JDK only) that streams scripted answers the way AI services do:
 * the last segment of the request path names a {@link #SCRIPTS script}, whose events are sent one
 * HTTP chunk each, {@link #PAUSE_MILLIS} apart, with an OpenAI key and an AWS key cut mid-key
 * across events — in tool-call arguments of two calls taking turns, in two choices taking turns, in
 * Responses API text and argument deltas, in Anthropic text and JSON deltas, and in Ollama's
 * newline-delimited JSON. Any other path is answered 404.
 *
 * <p>Serves the demo agent's certificate, which the test connections trust through the demo CA.
 */
final class StreamingBackend implements AutoCloseable {

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

  static final Map<String, Script> SCRIPTS =
      Map.of(
          "openai-tool-args",
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
                  "data: [DONE]\n\n")),
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

  private final SSLContext context;
  private final ServerSocket server;
  private final ExecutorService workers = Executors.newCachedThreadPool();

  private StreamingBackend(SSLContext context) throws IOException {
    this.context = context;
    this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
  }

  static StreamingBackend start(TestDomain domain) throws Exception {
    StreamingBackend backend = new StreamingBackend(TestBackends.serverContext(domain));
    backend.workers.execute(backend::acceptLoop);
    return backend;
  }

  String url() {
    return "https://localhost:" + server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    workers.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket plain = server.accept();
        workers.execute(() -> serve(plain));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket plain) {
    try (plain) {
      plain.setSoTimeout(10_000);
      SSLSocket tls =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(
                      plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
      tls.setUseClientMode(false);
      tls.startHandshake();
      InputStream in = tls.getInputStream();
      OutputStream out = tls.getOutputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
      String target = requestLine.length > 1 ? requestLine[1] : "";
      String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      Script script = SCRIPTS.get(path.substring(path.lastIndexOf('/') + 1));
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
        byte[] chunk = event.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(PAUSE_MILLIS);
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (SocketException e) {
      // the gateway went away
    } catch (IOException e) {
      // a failed handshake or a broken request: nothing to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The request head (request line and headers, CRLF-separated), or null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
      if (head.size() > 65_536) {
        return null;
      }
    }
    return null;
  }

  /** The text as a JSON string literal (the scripts' texts hold only quotes to escape). */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
