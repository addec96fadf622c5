package dev.gatehouse.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS collector in the test JVM, with the demo agent's certificate: {@code POST /ingest} with
 * the expected {@code Authorization} takes JSON Lines (204), anything else is refused (401). Stops
 * and starts again on the same port.
 */
final class TestHttpsReceiver {

  private final SSLContext tls;
  private final String expectedAuthorization;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private HttpsServer server;
  private int port;

  TestHttpsReceiver(SSLContext tls, String expectedAuthorization) {
    this.tls = tls;
    this.expectedAuthorization = expectedAuthorization;
  }

  synchronized void start() throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/ingest",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(exchange.getRequestMethod())
                || !expectedAuthorization.equals(
                    exchange.getRequestHeaders().getFirst("Authorization"))) {
              exchange.sendResponseHeaders(401, -1);
              return;
            }
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            for (String line : body.split("\n")) {
              if (!line.isBlank()) {
                lines.add(line);
              }
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
    port = server.getAddress().getPort();
  }

  synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  int port() {
    return port;
  }

  List<String> lines() {
    return lines;
  }

  List<String> contentTypes() {
    return contentTypes;
  }
}
