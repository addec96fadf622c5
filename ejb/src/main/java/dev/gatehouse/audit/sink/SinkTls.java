package dev.gatehouse.audit.sink;

import dev.gatehouse.connection.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust of a sink: the CA certificates of a PEM file, or the JVM's trust store when none is
 * configured. Hostname verification is done by each sink; TLS 1.3 and 1.2 only.
 */
final class SinkTls {

  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private SinkTls() {}

  static SSLContext context(String caFile) throws IOException, GeneralSecurityException {
    if (caFile == null || caFile.isBlank()) {
      return SSLContext.getDefault();
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (X509Certificate ca :
        Pem.certificates(Files.readString(Path.of(caFile.strip()), StandardCharsets.UTF_8))) {
      trust.setCertificateEntry("ca" + i++, ca);
    }
    if (i == 0) {
      throw new GeneralSecurityException("No certificate in " + caFile);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
