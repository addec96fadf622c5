package dev.gatehouse.proxy;

import dev.gatehouse.connection.Pem;
import dev.gatehouse.connection.UpstreamTarget;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the {@link SSLContext} a connection's client verifies its backend with.
 *
 * <p>Guarantees: the backend's chain is validated against the connection's own CA certificates when
 * it names some, else the JVM's trust store, always including hostname verification (the HTTP
 * client sets the HTTPS endpoint-identification algorithm, which the wrapped trust manager keeps
 * enforcing); when the connection has a pin, the leaf certificate's SubjectPublicKeyInfo must in
 * addition hash (SHA-256) to it — a pin never replaces chain validation; when the connection has a
 * client certificate, it is presented (mTLS).
 */
final class TrustMaterial {

  private TrustMaterial() {}

  /** Thrown during the handshake when the leaf's public key does not match the pin. */
  static final class PinMismatch extends CertificateException {
    private static final long serialVersionUID = 1L;

    PinMismatch() {
      super("upstream certificate pin mismatch");
    }
  }

  static SSLContext sslContext(String trustedCaPem) throws GeneralSecurityException {
    return sslContext(trustedCaPem, null, null, null);
  }

  static SSLContext sslContext(UpstreamTarget target) throws GeneralSecurityException {
    return sslContext(
        target.trustedCaPem(), target.pinSha256(), target.clientCertPem(), target.clientKeyPem());
  }

  static SSLContext sslContext(
      String trustedCaPem, String pinSha256, String clientCertPem, String clientKeyPem)
      throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (trustedCaPem == null || trustedCaPem.isBlank()) {
      tmf.init((KeyStore) null);
    } else {
      KeyStore store = emptyStore();
      int i = 0;
      for (Certificate certificate : Pem.certificates(trustedCaPem)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      tmf.init(store);
    }
    TrustManager[] trust = tmf.getTrustManagers();
    if (pinSha256 != null && !pinSha256.isBlank()) {
      trust = new TrustManager[] {new Pinning(extended(trust), pinSha256)};
    }
    KeyManager[] keys = null;
    if (clientCertPem != null && clientKeyPem != null) {
      List<X509Certificate> chain = Pem.certificates(clientCertPem);
      PrivateKey key = Pem.privateKey(clientKeyPem);
      char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
      KeyStore store = emptyStore();
      store.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      keys = kmf.getKeyManagers();
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, trust, null);
    return context;
  }

  /** Hex SHA-256 of a certificate's SubjectPublicKeyInfo (the pin format). */
  static String spkiSha256(X509Certificate certificate) throws GeneralSecurityException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return store;
  }

  private static X509ExtendedTrustManager extended(TrustManager[] managers)
      throws GeneralSecurityException {
    for (TrustManager m : managers) {
      if (m instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("No X.509 trust manager available");
  }

  /** Validates as the wrapped manager does, then checks the leaf against the pin. */
  private static final class Pinning extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final byte[] pin;

    Pinning(X509ExtendedTrustManager delegate, String pinHex) {
      this.delegate = delegate;
      this.pin = HexFormat.of().parseHex(pinHex.toLowerCase(java.util.Locale.ROOT));
    }

    private void checkPin(X509Certificate[] chain) throws CertificateException {
      byte[] actual;
      try {
        actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getPublicKey().getEncoded());
      } catch (GeneralSecurityException e) {
        throw new CertificateException(e);
      }
      if (!MessageDigest.isEqual(actual, pin)) {
        throw new PinMismatch();
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType, engine);
      checkPin(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType, socket);
      checkPin(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
      checkPin(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("Not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("Not a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("Not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
