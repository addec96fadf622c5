package dev.gatehouse.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A syslog-over-TLS receiver (RFC 5425) in the test JVM, with the demo agent's certificate: reads
 * octet-counted frames, keeps every message, and closes its side when the sender closes (which is
 * how the sink knows a batch arrived). Stops and starts again on the same port, like a receiver
 * that goes away and comes back.
 */
final class TestSyslogReceiver {

  private final SSLContext tls;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;
  private int port;

  TestSyslogReceiver(SSLContext tls) {
    this.tls = tls;
  }

  synchronized void start() throws IOException {
    SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    port = socket.getLocalPort();
    server = socket;
    Thread accept = new Thread(() -> accept(socket), "it-syslog-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** Goes away: no new connections, open ones cut. */
  synchronized void stop() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
    for (Socket s : open) {
      s.close();
    }
  }

  int port() {
    return port;
  }

  List<String> messages() {
    return messages;
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        Thread reader = new Thread(() -> read(client), "it-syslog-read");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void read(Socket client) {
    try (client;
        InputStream in = client.getInputStream()) {
      while (true) {
        int length = 0;
        int b;
        while ((b = in.read()) != ' ') {
          if (b < 0) {
            return;
          }
          if (b < '0' || b > '9') {
            throw new IOException("not octet-counting framing");
          }
          length = length * 10 + (b - '0');
        }
        byte[] message = in.readNBytes(length);
        if (message.length < length) {
          return;
        }
        messages.add(new String(message, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // connection cut
    } finally {
      open.remove(client);
    }
  }
}
