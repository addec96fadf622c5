package dev.gatehouse.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Where the test domain runs and how to talk to it, read from the {@code gatehouse.env} that {@code
 * server-config/gatehouse up} writes into its home: ports, the listener certificate a client must
 * trust, the admin password file, the dev issuer that signs test tokens.
 */
public final class TestDomain {

  public static final String ISSUER = "urn:gatehouse:dev-issuer";
  public static final String AUDIENCE = "gatehouse";

  private static TestDomain instance;

  private final Path home;
  private final Map<String, String> env;
  private final HttpClient client;

  private TestDomain(Path home) {
    this.home = home;
    this.env = readEnv(home.resolve("gatehouse.env"));
    this.client = newClient(sslContextTrusting(Path.of(value("GATEHOUSE_LISTENER_CERT"))));
  }

  public static synchronized TestDomain get() {
    if (instance == null) {
      String home = System.getProperty("gatehouse.home");
      if (home == null) {
        throw new IllegalStateException("gatehouse.home is not set: run the ITs through Maven");
      }
      instance = new TestDomain(Path.of(home));
    }
    return instance;
  }

  private static Map<String, String> readEnv(Path file) {
    Map<String, String> values = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          String v = line.substring(eq + 1).strip();
          if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
            v = v.substring(1, v.length() - 1);
          }
          values.put(line.substring(0, eq).strip(), v);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return values;
  }

  public String value(String key) {
    String v = env.get(key);
    if (v == null) {
      throw new IllegalStateException(key + " missing from gatehouse.env");
    }
    return v;
  }

  /** {@code server-config/gatehouse} of the checkout under test (beside {@code ear/target}). */
  public static Path gatehouseScript() {
    Path ear = Path.of(System.getProperty("gatehouse.ear")).toAbsolutePath().normalize();
    return ear.getParent().getParent().getParent().resolve("server-config/gatehouse");
  }

  public Path home() {
    return home;
  }

  public int httpsPort() {
    return Integer.parseInt(value("GATEHOUSE_HTTPS_PORT"));
  }

  public int adminPort() {
    return Integer.parseInt(value("GATEHOUSE_ADMIN_PORT"));
  }

  public String adminUser() {
    return env.getOrDefault("GATEHOUSE_ADMIN_USER", "admin");
  }

  public boolean adminHttps() {
    return Boolean.parseBoolean(env.getOrDefault("GATEHOUSE_ADMIN_HTTPS", "false"));
  }

  public String adminPassword() {
    return read(Path.of(value("GATEHOUSE_ADMIN_PASSWORD_FILE"))).strip();
  }

  public String demoAgentCredential() {
    return read(Path.of(value("GATEHOUSE_DEMO_AGENT_CREDENTIAL_FILE"))).strip();
  }

  /** The audit chain's key as {@code gatehouse up} wrote it (base64), for the hygiene scan. */
  public String chainKey() {
    return read(home.resolve("audit-chain.key")).strip();
  }

  /** The chain key's id: the first 8 bytes of the SHA-256 of the raw key, hex. */
  public String chainKeyId() {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(Base64.getDecoder().decode(chainKey()));
      return java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI gateway(String pathAndQuery) {
    return URI.create("https://localhost:" + httpsPort() + pathAndQuery);
  }

  public HttpClient client() {
    return client;
  }

  public HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(gateway(pathAndQuery)).timeout(Duration.ofSeconds(30));
  }

  /** A token from the domain's dev issuer. */
  public String token(String subject, List<String> groups, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(subject)
            .claim("upn", subject)
            .claim("groups", groups)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    return sign(claims);
  }

  /** Signs any claims with the dev issuer's key and {@code kid}. */
  public String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(devIssuerKid()).build(), claims);
      jwt.sign(new RSASSASigner(devIssuerKey()));
      return jwt.serialize();
    } catch (JOSEException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String devIssuerKid() {
    return read(home.resolve("dev-issuer/kid")).strip();
  }

  public String token(String subject, String... groups) {
    return token(subject, List.of(groups), Duration.ofMinutes(5));
  }

  private PrivateKey devIssuerKey() throws GeneralSecurityException {
    String pem = read(home.resolve("dev-issuer/private.pem"));
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  /**
   * The audit record with that id, read as an auditor, once it is no longer {@code STARTED} (or
   * after five seconds, as it then is).
   */
  public String completedAuditRecord(String auditId) throws Exception {
    String auditor = token("audit-reader", "gatehouse-auditor");
    String record = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      java.net.http.HttpResponse<String> response =
          client.send(
              request("/api/v1/audit/" + auditId)
                  .header("Authorization", "Bearer " + auditor)
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "audit record " + auditId + ": " + response.statusCode() + " " + response.body());
      }
      record = response.body();
      if (!record.contains("\"decision\":\"STARTED\"")) {
        return record;
      }
      Thread.sleep(100);
    }
    return record;
  }

  /** Adds connections to the bootstrap file the application imports when it is deployed. */
  public void declareConnections(String... jsonObjects) {
    Path file = home.resolve("connections.json");
    String content = read(file).strip();
    StringBuilder merged = new StringBuilder(content.substring(0, content.lastIndexOf(']')));
    for (String object : jsonObjects) {
      String name = object.replaceAll("(?s).*\"name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
      if (!content.contains("\"name\":\"" + name + "\"")
          && !content.contains("\"name\": \"" + name + "\"")) {
        merged.append(merged.toString().strip().endsWith("[") ? "" : ",").append(object);
      }
    }
    merged.append(']');
    try {
      Files.writeString(file, merged.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  static SSLContext sslContextTrusting(Path pem) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManagerTrusting(pem)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot trust " + pem, e);
    }
  }

  /** A trust manager for the certificates in {@code pem}: for clients that take one, as OkHttp. */
  static X509TrustManager trustManagerTrusting(Path pem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (var certificate :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
        store.setCertificateEntry("c" + i++, certificate);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager manager : tmf.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("No X.509 trust manager for " + pem);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot trust " + pem, e);
    }
  }

  private static HttpClient newClient(SSLContext context) {
    return HttpClient.newBuilder()
        .sslContext(context)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }
}
