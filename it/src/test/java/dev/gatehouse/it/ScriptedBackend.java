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
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

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
 *
 * <p>Serves the demo agent's certificate, which the test connections trust through the demo CA.
 */
final class ScriptedBackend implements AutoCloseable {

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

  private final SSLContext context;
  private final ServerSocket server;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final List<String> requestIds = new CopyOnWriteArrayList<>();
  private final List<String> heads = new CopyOnWriteArrayList<>();

  private ScriptedBackend(SSLContext context) throws IOException {
    this.context = context;
    this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
  }

  static ScriptedBackend start(TestDomain domain) throws Exception {
    ScriptedBackend backend = new ScriptedBackend(TestBackends.serverContext(domain));
    backend.workers.execute(backend::acceptLoop);
    return backend;
  }

  String url() {
    return "https://localhost:" + server.getLocalPort();
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
      targets.add(target);
      heads.add(head);
      String requestId = header(head, "x-request-id");
      if (requestId != null) {
        requestIds.add(requestId);
      }
      String length = header(head, "content-length");
      int bodyLength = length == null ? 0 : in.readNBytes(Integer.parseInt(length.strip())).length;
      String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      String behaviour = path.substring(path.lastIndexOf('/') + 1);
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
              "SMTP ready, not HTTP\r\n\r\n<html>garbage</html>"
                  .getBytes(StandardCharsets.US_ASCII));
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
            byte[] chunk = event.getBytes(StandardCharsets.UTF_8);
            out.write(
                (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(50);
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        case "echo" -> respond(out, "200 OK", "Content-Type: text/plain\r\n", head);
        case "debug-header" ->
            respond(
                out, "200 OK", "Content-Type: text/plain\r\nX-Debug: " + AWS_KEY + "\r\n", "ok");
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
    } catch (SocketException e) {
      // the gateway went away or the reset above closed the socket
    } catch (IOException e) {
      // a failed handshake or a broken request: nothing to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }
}
