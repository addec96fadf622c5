package dev.gatehouse.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * Extra HTTPS backends served from the test JVM with the demo agent's certificate (which the
 * connections trust through the demo CA): one restricted to given TLS versions, one that requires a
 * client certificate signed by the demo CA. Also issues such a client certificate with keytool.
 */
final class TestBackends {

  private TestBackends() {}

  /** A client certificate (PEM chain) and its PKCS#8 key (PEM), signed by the demo CA. */
  record ClientCertificate(String certificatePem, String keyPem) {}

  /** Starts a backend answering {@code 200 backend-ok} on every path. */
  static HttpsServer start(TestDomain domain, List<String> protocols, boolean needClientAuth)
      throws IOException, GeneralSecurityException {
    SSLContext context = serverContext(domain);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = context.getDefaultSSLParameters();
            p.setProtocols(protocols.toArray(new String[0]));
            p.setNeedClientAuth(needClientAuth);
            params.setSSLParameters(p);
          }
        });
    server.createContext(
        "/",
        exchange -> {
          String who = "anonymous";
          if (exchange instanceof com.sun.net.httpserver.HttpsExchange https) {
            SSLSession session = https.getSSLSession();
            try {
              who = session.getPeerPrincipal().getName();
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
              who = "anonymous";
            }
          }
          byte[] body = ("backend-ok client=" + who).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  static String url(HttpsServer server) {
    return "https://localhost:" + server.getAddress().getPort();
  }

  static SSLContext serverContext(TestDomain domain) throws IOException, GeneralSecurityException {
    Path dir = domain.home().resolve("demo-agent");
    char[] password = Files.readString(dir.resolve("keystore.pass")).strip().toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      store.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
      trust.setCertificateEntry(
          "demo-ca",
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  /** Issues a client certificate signed by the demo CA (keytool), with its key as PEM. */
  static ClientCertificate issueClientCertificate(TestDomain domain, Path workDir)
      throws IOException, GeneralSecurityException, InterruptedException {
    Path dir = domain.home().resolve("demo-agent");
    Path passFile = dir.resolve("keystore.pass");
    Files.createDirectories(workDir);
    Path p12 = workDir.resolve("client.p12");
    Path csr = workDir.resolve("client.csr");
    Path pem = workDir.resolve("client.pem");
    Files.deleteIfExists(p12);
    String pass = passFile.toString();
    keytool(
        "-genkeypair",
        "-alias",
        "client",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=gatehouse-it-client",
        "-validity",
        "30",
        "-keystore",
        p12.toString(),
        "-storetype",
        "PKCS12",
        "-storepass:file",
        pass);
    keytool(
        "-certreq",
        "-alias",
        "client",
        "-keystore",
        p12.toString(),
        "-storetype",
        "PKCS12",
        "-storepass:file",
        pass,
        "-file",
        csr.toString());
    keytool(
        "-gencert",
        "-alias",
        "demo-ca",
        "-keystore",
        dir.resolve("ca.p12").toString(),
        "-storetype",
        "PKCS12",
        "-storepass:file",
        pass,
        "-rfc",
        "-validity",
        "30",
        "-ext",
        "eku=clientAuth",
        "-ext",
        "ku:c=digitalSignature",
        "-infile",
        csr.toString(),
        "-outfile",
        pem.toString());
    char[] password = Files.readString(passFile).strip().toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      store.load(in, password);
    }
    PrivateKey key = (PrivateKey) store.getKey("client", password);
    String keyPem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    String chain = Files.readString(pem) + Files.readString(dir.resolve("ca.pem"));
    return new ClientCertificate(chain, keyPem);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + output);
    }
  }
}
