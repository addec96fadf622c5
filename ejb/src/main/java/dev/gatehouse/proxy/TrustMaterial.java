package dev.gatehouse.proxy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} a connection's client verifies its backend with: the connection's
 * own CA certificates when it names some, else the JVM's trust store. Hostname verification is not
 * configured here because the HTTP client always performs it.
 */
final class TrustMaterial {

  private TrustMaterial() {}

  static SSLContext sslContext(String trustedCaPem) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    if (trustedCaPem == null || trustedCaPem.isBlank()) {
      context.init(null, null, null);
      return context;
    }
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    Collection<? extends Certificate> certificates =
        factory.generateCertificates(
            new ByteArrayInputStream(trustedCaPem.getBytes(StandardCharsets.US_ASCII)));
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException("The connection's CA PEM holds no certificate");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    int i = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("ca-" + i++, certificate);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
