package dev.gatehouse.connection;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads X.509 certificates and PKCS#8 private keys from PEM text. */
public final class Pem {

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private Pem() {}

  /**
   * The certificates in {@code pem}, in order.
   *
   * @throws GeneralSecurityException when there is none or one does not parse
   */
  public static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    List<X509Certificate> certificates =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
            .stream()
            .map(X509Certificate.class::cast)
            .toList();
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException("The PEM text holds no certificate");
    }
    return certificates;
  }

  /**
   * The unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}) in {@code pem}, RSA or EC.
   *
   * @throws GeneralSecurityException when there is none or it does not parse
   */
  public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher m = PRIVATE_KEY.matcher(pem);
    if (!m.find()) {
      throw new GeneralSecurityException("The PEM text holds no PKCS#8 private key");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(1).strip());
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("The private key is not valid base64", e);
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("The private key is neither RSA nor EC", last);
  }
}
