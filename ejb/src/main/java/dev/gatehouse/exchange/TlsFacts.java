package dev.gatehouse.exchange;

import java.util.Locale;

/**
 * The negotiated protocol and cipher suite of one TLS leg, as an auditor wants to see them.
 *
 * @param protocol for example {@code TLSv1.3}; {@code null} when unknown
 * @param cipherSuite the JSSE suite name, for example {@code TLS_AES_256_GCM_SHA384}
 */
public record TlsFacts(String protocol, String cipherSuite) {

  public static final TlsFacts NONE = new TlsFacts(null, null);

  /**
   * Derives the facts of an inbound connection from its cipher suite alone. Payara fills the
   * servlet cipher-suite attribute but leaves the protocol attribute empty; the suites that name no
   * key exchange ({@code TLS_AES_*}, {@code TLS_CHACHA20_*}) exist only in TLS 1.3, and the
   * hardened listener accepts nothing older than TLS 1.2.
   */
  public static TlsFacts fromInboundCipherSuite(String cipherSuite) {
    if (cipherSuite == null || cipherSuite.isBlank()) {
      return NONE;
    }
    String suite = cipherSuite.toUpperCase(Locale.ROOT);
    boolean tls13 = suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_");
    return new TlsFacts(tls13 ? "TLSv1.3" : "TLSv1.2", cipherSuite);
  }
}
