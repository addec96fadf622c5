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
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS test backend on raw sockets (JDK only), so that it can answer in ways a server library
 * would not let it: it accepts on a loopback port, does the TLS handshake with the demo agent's
 * certificate (which the test connections trust through the demo CA), reads the request head and
 * hands it to {@link #answer}. One connection, one request.
 */
abstract class RawTlsBackend implements AutoCloseable {

  private final SSLContext context;
  private final ServerSocket server;
  private final ExecutorService workers = Executors.newCachedThreadPool();

  RawTlsBackend(TestDomain domain) throws Exception {
    this.context = TestBackends.serverContext(domain);
    this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
  }

  /** Starts accepting; returns this backend. */
  <T extends RawTlsBackend> T start(Class<T> self) {
    workers.execute(this::acceptLoop);
    return self.cast(this);
  }

  String url() {
    return "https://localhost:" + server.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    server.close();
    workers.shutdownNow();
  }

  /**
   * Answers one request.
   *
   * @param plain the TCP socket under the TLS one, for answers that end in a reset
   * @param head the request line and header lines, CRLF-separated
   * @param target the request target (path and query) as sent
   */
  abstract void answer(Socket plain, String head, String target, InputStream in, OutputStream out)
      throws IOException, InterruptedException;

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
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
      answer(plain, head, requestLine.length > 1 ? requestLine[1] : "", in, tls.getOutputStream());
    } catch (SocketException e) {
      // the gateway went away, or the answer reset the connection
    } catch (IOException e) {
      // a failed handshake or a broken request: nothing to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last segment of a request target's path: what the scripted backends act on. */
  static String lastSegment(String target) {
    String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Writes one chunk of a chunked body and flushes it. */
  static void chunk(OutputStream out, byte[] chunk) throws IOException {
    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(chunk);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
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

  /** A header's value in a request head, by case-insensitive name, or null. */
  static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }
}
