package dev.gatehouse.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A webhook receiver over HTTPS in the test JVM (the demo agent's certificate, which the deployment
 * trusts through {@code gatehouse.approval.webhook-ca-file}). It keeps every delivery, and answers
 * 500 to the first deliveries whose body contains a marker as often as it was told to.
 */
final class TestWebhookReceiver {

  /** One delivery as received. */
  record Delivery(Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase());
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private static TestWebhookReceiver instance;

  private final HttpsServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicInteger refused = new AtomicInteger();

  private TestWebhookReceiver(TestDomain domain) throws IOException, GeneralSecurityException {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(agentTls(domain)));
    server.createContext("/hook", this::receive);
    server.start();
  }

  static synchronized TestWebhookReceiver start(TestDomain domain) {
    if (instance == null) {
      try {
        instance = new TestWebhookReceiver(domain);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("Cannot start the test webhook receiver", e);
      }
    }
    return instance;
  }

  String url() {
    return "https://localhost:" + server.getAddress().getPort() + "/hook";
  }

  /** Answers 500 to the next {@code times} deliveries whose body contains {@code marker}. */
  void failNext(String marker, int times) {
    failures.put(marker, new AtomicInteger(times));
  }

  /** How many deliveries were answered with 500. */
  int refused() {
    return refused.get();
  }

  /** The first successful delivery whose body contains all the fragments, waiting up to 30 s. */
  Delivery await(String... fragments) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      for (Delivery d : deliveries) {
        boolean all = true;
        for (String f : fragments) {
          all &= d.body().contains(f);
        }
        if (all) {
          return d;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no webhook delivery containing " + List.of(fragments));
  }

  private void receive(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, AtomicInteger> f : failures.entrySet()) {
      if (body.contains(f.getKey()) && f.getValue().getAndDecrement() > 0) {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(500, -1);
        exchange.close();
        return;
      }
    }
    Map<String, List<String>> headers = new ConcurrentHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
    deliveries.add(new Delivery(headers, body));
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  private static SSLContext agentTls(TestDomain domain)
      throws IOException, GeneralSecurityException {
    Path dir = domain.home().resolve("demo-agent");
    char[] password = Files.readString(dir.resolve("keystore.pass")).strip().toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      store.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }
}
