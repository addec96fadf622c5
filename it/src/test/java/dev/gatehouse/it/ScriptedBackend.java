package dev.gatehouse.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTPS backend written on raw sockets (JDK only), so that it can misbehave the ways a real
 * server's library would never let it: the last segment of the request path says what it does —
 * {@code drop} (reads the request, closes without a word), {@code reset} and {@code reset-early}
 * (send headers and part of the body, then reset the TCP connection), {@code malformed} (answers
 * something that is not HTTP), {@code escaped-json} and {@code escaped-sse} (answer {@link
 * #ESCAPED_JSON} and {@link #ESCAPED_EVENTS}: a key and an address written with JSON {@code
 * \\uXXXX} escapes, in the SSE case a key split across two events), {@code echo} (the request head
 * back as text, as debug endpoints do), {@code debug-header}, {@code octet}, {@code image}, {@code
 * yaml}, {@code two-types} (answers carrying {@link #AWS_KEY} in a header or a body of that type),
 * {@code origin-headers} and {@code internal-redirect} (headers that would act on the gateway's
 * origin, a Location to an internal host) — and anything else is answered {@code 200} with the path
 * it saw. Every request target it receives is recorded, before anything else, so a test can prove
 * what reached it.
 */
final class ScriptedBackend extends RawTlsBackend {

  /**
   * Bytes of body sent before a {@code reset}, of the larger length announced: more than the
   * masking hold-back window, so part of the body has reached the caller when the reset comes.
   */
  static final int RESET_AFTER_BYTES = 64 * 1024;

  /**
   * Bytes sent before a {@code reset-early}: less than the hold-back, so nothing reached the
   * caller.
   */
  static final int RESET_EARLY_AFTER_BYTES = 100;

  /** An AWS access key id the attack answers carry (in a header, an octet stream, YAML). */
  static final String AWS_KEY = "AKIAZ7Q2W4E6R8T0Y1U3";

  /** The OpenAI key the escaped answers hide, as it reads once its escapes are resolved. */
  static final String ESCAPED_KEY = "sk-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz";

  /** A JSON answer whose key and e-mail address are written with {@code \\uXXXX} escapes. */
  static final String ESCAPED_JSON =
      "{\"reply\":\"use \\u0073\\u006b-proj-AbCdEf1234567890GhIjKlMnOpQrStUvWxYz now\","
          + "\"mail\":\"alice\\u0040example.com\"}";

  /**
   * Server-sent events: the key's first part escaped in one event's completion text, its rest in
   * the next; an escaped address in another field; then {@code [DONE]}.
   */
  static final List<String> ESCAPED_EVENTS =
      List.of(
          "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
              + "{\"content\":\"key \\u0073\\u006b\\u002dproj-AbCdEf1234\"}}]}\n\n",
          "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
              + "{\"content\":\"567890GhIjKlMnOpQrStUvWxYz, keep it\"}}]}\n\n",
          "data: {\"object\":\"note\",\"mail\":\"alice\\u0040example.com\"}\n\n",
          "data: [DONE]\n\n");

  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final List<String> requestIds = new CopyOnWriteArrayList<>();
  private final List<String> heads = new CopyOnWriteArrayList<>();

  private ScriptedBackend(TestDomain domain) throws Exception {
    super(domain);
  }

  static ScriptedBackend start(TestDomain domain) throws Exception {
    return new ScriptedBackend(domain).start(ScriptedBackend.class);
  }

  /** Every request target (path and query, as sent) received so far, in order. */
  List<String> targets() {
    return List.copyOf(targets);
  }

  /** The {@code X-Request-Id} (the gateway's audit id) of every request received so far. */
  List<String> requestIds() {
    return List.copyOf(requestIds);
  }

  /** The request heads (request line and header lines) received so far. */
  List<String> heads() {
    return List.copyOf(heads);
  }

  void clear() {
    targets.clear();
    requestIds.clear();
    heads.clear();
  }

  @Override
  void answer(Socket plain, String head, String target, InputStream in, OutputStream out)
      throws IOException, InterruptedException {
    targets.add(target);
    heads.add(head);
    String requestId = header(head, "x-request-id");
    if (requestId != null) {
      requestIds.add(requestId);
    }
    String length = header(head, "content-length");
    int bodyLength = length == null ? 0 : in.readNBytes(Integer.parseInt(length.strip())).length;
    String behaviour = lastSegment(target);
    switch (behaviour) {
      case "drop" -> {
        // say nothing; closing the socket ends the connection
      }
      case "reset", "reset-early" -> {
        int sent = behaviour.equals("reset") ? RESET_AFTER_BYTES : RESET_EARLY_AFTER_BYTES;
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                    + sent * 4
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write("x".repeat(sent).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(200);
        // RST on the TCP connection underneath, without a TLS close_notify.
        plain.setSoLinger(true, 0);
        plain.close();
      }
      case "malformed" -> {
        out.write(
            "SMTP ready, not HTTP\r\n\r\n<html>garbage</html>".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      case "escaped-json" -> {
        byte[] body = ESCAPED_JSON.getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      }
      case "escaped-sse" -> {
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (String event : ESCAPED_EVENTS) {
          chunk(out, event.getBytes(StandardCharsets.UTF_8));
          Thread.sleep(50);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
      case "echo" -> respond(out, "200 OK", "Content-Type: text/plain\r\n", head);
      case "debug-header" ->
          respond(out, "200 OK", "Content-Type: text/plain\r\nX-Debug: " + AWS_KEY + "\r\n", "ok");
      case "octet" ->
          respond(out, "200 OK", "Content-Type: application/octet-stream\r\n", "key " + AWS_KEY);
      case "image" -> respond(out, "200 OK", "Content-Type: image/png\r\n", "\u0089PNG");
      case "yaml" ->
          respond(
              out, "200 OK", "Content-Type: application/yaml\r\n", "aws_key: " + AWS_KEY + "\n");
      case "two-types" ->
          respond(
              out,
              "200 OK",
              "Content-Type: application/octet-stream\r\nContent-Type: text/plain\r\n",
              "key " + AWS_KEY);
      case "origin-headers" ->
          respond(
              out,
              "302 Found",
              "Content-Type: text/plain\r\nSet-Cookie: JSESSIONID=planted; Path=/console\r\n"
                  + "Strict-Transport-Security: max-age=0\r\n"
                  + "Access-Control-Allow-Origin: https://evil.example\r\n"
                  + "Access-Control-Allow-Credentials: true\r\n"
                  + "Gatehouse-Approval-Status: APPROVED\r\nX-Kept: yes\r\n"
                  + "Location: "
                  + url()
                  + "/v1/next?page=2\r\n",
              "moved");
      case "internal-redirect" ->
          respond(
              out,
              "302 Found",
              "Content-Type: text/plain\r\nLocation: https://10.20.30.40:8443/admin\r\n",
              "moved");
      default -> {
        byte[] body =
            ("backend saw " + target + " body=" + bodyLength).getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                    + "Content-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      }
    }
  }

  /** Answers with a status line, extra header lines (each ending CRLF) and a UTF-8 body. */
  private static void respond(OutputStream out, String status, String headerLines, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + "\r\n"
                + headerLines
                + "Connection: close\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }
}
