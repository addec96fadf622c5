package dev.gatehouse.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Speaks HTTP/1.1 to the gateway over a TLS socket with bytes written by hand, so a test can send
 * what no HTTP client library would (conflicting framing, bare CR, raw dot segments), and reads the
 * first response back plus whatever else the server sends before it closes the connection.
 */
final class RawHttps {

  /**
   * One response; {@code afterwards} is what followed it on the connection (a second response?).
   */
  record Response(
      int status, Map<String, String> headers, String body, String afterwards, boolean closed) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + body + (afterwards.isEmpty() ? "" : " +" + afterwards);
    }
  }

  private final SSLSocketFactory factory;
  private final int port;

  RawHttps(TestDomain domain) {
    this.factory =
        TestDomain.sslContextTrusting(Path.of(domain.value("GATEHOUSE_LISTENER_CERT")))
            .getSocketFactory();
    this.port = domain.httpsPort();
  }

  /** Sends the text (ISO-8859-1, so any byte can be written as a char) and reads the answer. */
  Response send(String request) throws IOException {
    return send(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  Response send(byte[] request) throws IOException {
    try (SSLSocket socket = (SSLSocket) factory.createSocket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      if (head == null) {
        throw new IOException("the server closed the connection without answering");
      }
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.merge(
              lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).strip(),
              (a, b) -> a + ", " + b);
        }
      }
      String body;
      String length = headers.get("content-length");
      if (length != null) {
        body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = readChunked(in);
      } else {
        body = new String(readRest(in, 3_000).bytes(), StandardCharsets.UTF_8);
      }
      // Anything more on this connection? A second response would mean the server read a smuggled
      // request out of the first one's body.
      socket.setSoTimeout(1_500);
      Rest rest = readRest(in, 1_500);
      return new Response(
          status,
          headers,
          body,
          new String(rest.bytes(), StandardCharsets.ISO_8859_1),
          rest.ended());
    }
  }

  private record Rest(byte[] bytes, boolean ended) {}

  /** Reads until the server closes the connection or stays quiet for the given time. */
  private static Rest readRest(InputStream in, int millis) {
    ByteArrayOutputStream rest = new ByteArrayOutputStream();
    boolean endOfStream = false;
    long deadline = System.currentTimeMillis() + millis;
    byte[] buffer = new byte[4096];
    try {
      while (System.currentTimeMillis() < deadline) {
        int n = in.read(buffer);
        if (n < 0) {
          endOfStream = true;
          break;
        }
        rest.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // the connection is still open but quiet
    } catch (IOException e) {
      endOfStream = true;
    }
    return new Rest(rest.toByteArray(), endOfStream);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      int n = head.size();
      byte[] bytes = head.toByteArray();
      if (n >= 4
          && bytes[n - 4] == '\r'
          && bytes[n - 3] == '\n'
          && bytes[n - 2] == '\r'
          && bytes[n - 1] == '\n') {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
      if (size == 0) {
        readLine(in);
        return body.toString(StandardCharsets.UTF_8);
      }
      body.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
