package dev.gatehouse.demo.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS setup for the agent. Even a demo backend speaks only TLS 1.3 and 1.2 with forward-secret AEAD
 * suites, because the gateway's upstream TLS settings are part of what the demo shows.
 */
final class AgentTls {

  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private AgentTls() {}

  /** Builds a server context from a PKCS12 keystore whose key uses the store password. */
  static SSLContext serverContext(Path keystore, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    return context;
  }

  /** Jetty's TLS settings for the agent's listener: TLS 1.3/1.2, forward-secret AEAD suites. */
  static SslContextFactory.Server jettyFactory(SSLContext context) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(context);
    factory.setIncludeProtocols(PROTOCOLS);
    factory.setIncludeCipherSuites(
        Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
            .filter(AgentTls::isForwardSecretAead)
            .toArray(String[]::new));
    // The gateway may reach the agent by IP or by any name on its certificate.
    factory.setSniRequired(false);
    return factory;
  }

  static boolean isForwardSecretAead(String suite) {
    boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    boolean ecdheAead =
        suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20"));
    return tls13 || ecdheAead;
  }
}
