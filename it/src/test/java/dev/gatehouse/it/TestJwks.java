package dev.gatehouse.it;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The token issuer's JWKS endpoint, served over HTTPS from the test JVM for the whole suite: the
 * test domain is configured to fetch its verification keys here, so a test can rotate keys and see
 * the gateway pick up a new {@code kid} without a restart. Uses the demo agent's certificate, which
 * the domain trusts through {@code gatehouse.identity.jwks-ca-file}.
 */
public final class TestJwks {

  private static TestJwks instance;

  private final List<JWK> keys = new CopyOnWriteArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private final HttpsServer server;

  private TestJwks(TestDomain domain, int port) throws IOException, GeneralSecurityException {
    keys.add(devIssuerKey(domain));
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(agentTls(domain)));
    server.createContext(
        "/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          byte[] body =
              new JWKSet(List.copyOf(keys)).toString(true).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Starts the endpoint once per test JVM. */
  public static synchronized TestJwks start(TestDomain domain, int port) {
    if (instance == null) {
      try {
        instance = new TestJwks(domain, port);
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("Cannot start the test JWKS endpoint", e);
      }
    }
    return instance;
  }

  public static TestJwks get() {
    if (instance == null) {
      throw new IllegalStateException("The test JWKS endpoint was not started");
    }
    return instance;
  }

  /** Publishes another key, as an issuer does when it rotates. */
  public void publish(RSAKey key) {
    keys.add(key.toPublicJWK());
  }

  public int fetches() {
    return fetches.get();
  }

  private static JWK devIssuerKey(TestDomain domain) throws GeneralSecurityException {
    String pem = TestDomain.read(domain.home().resolve("dev-issuer/public.pem"));
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    RSAPublicKey key =
        (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    return new RSAKey.Builder(key)
        .keyID(TestDomain.read(domain.home().resolve("dev-issuer/kid")).strip())
        .build();
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
