package dev.gatehouse.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where the issuer's public keys come from: a PEM file (one key, used whatever {@code kid} a token
 * names, as MicroProfile JWT does) or a JWKS URL, fetched lazily, cached, and fetched again when a
 * token names a {@code kid} the cache lacks — so a rotated key is accepted without a restart. Only
 * RS256 and ES256 are ever accepted: symmetric and {@code none} algorithms cannot be selected.
 */
public final class VerificationKeys {

  static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

  private static final Logger LOG = Logger.getLogger(VerificationKeys.class.getName());

  private VerificationKeys() {}

  /**
   * Key selection for a location: {@code https://…} (JWKS), {@code file:…} or a plain path (PEM).
   *
   * @param jwksTrust socket factory trusting the JWKS server, or {@code null} for the JVM default
   */
  public static JWSKeySelector<SecurityContext> forLocation(
      String location, SSLSocketFactory jwksTrust, Duration cacheTtl, Duration minRefresh) {
    if (location.startsWith("http://") && !onLoopback(location)) {
      // Keys fetched in the clear could be swapped on the way: every token would then verify
      // against an attacker's key. Refuse every token instead, and say why.
      LOG.severe(
          "The token issuer's key URL "
              + location
              + " is plain http on a non-loopback host; every token is refused until it is https.");
      return (header, context) -> {
        throw new TokenRejected(
            "identity_misconfigured",
            "The token issuer's key URL is plain http; only https (or http on loopback) is"
                + " accepted.");
      };
    }
    if (location.startsWith("https://") || location.startsWith("http://")) {
      return jwks(location, jwksTrust, cacheTtl, minRefresh);
    }
    Path file = Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location);
    try {
      return pem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the token issuer's public key " + file, e);
    }
  }

  /** Whether an http URL's host is a loopback name or address (no lookup for other names). */
  static boolean onLoopback(String url) {
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost")
        || h.matches("127(\\.\\d{1,3}){3}")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  static JWSKeySelector<SecurityContext> jwks(
      String url, SSLSocketFactory trust, Duration cacheTtl, Duration minRefresh) {
    DefaultResourceRetriever retriever =
        new DefaultResourceRetriever(2000, 2000, 512 * 1024, true, trust);
    JWKSource<SecurityContext> source;
    try {
      source =
          JWKSourceBuilder.create(URI.create(url).toURL(), retriever)
              .cache(cacheTtl.toMillis(), Math.min(cacheTtl.toMillis(), 15_000))
              .rateLimited(minRefresh.toMillis())
              .refreshAheadCache(false)
              .retrying(true)
              .build();
    } catch (MalformedURLException e) {
      throw new IllegalStateException("Invalid JWKS URL " + url, e);
    }
    return new JWSVerificationKeySelector<>(ALGORITHMS, source);
  }

  static JWSKeySelector<SecurityContext> pem(String pem) {
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").strip());
    PublicKey key = publicKey(der);
    JWSAlgorithm algorithm = key instanceof RSAPublicKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
    List<Key> keys = List.of(key);
    return (JWSHeader header, SecurityContext context) ->
        header.getAlgorithm().equals(algorithm) ? keys : List.of();
  }

  private static PublicKey publicKey(byte[] der) {
    for (String type : new String[] {"RSA", "EC"}) {
      try {
        PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
        if (key instanceof ECPublicKey ec
            && ec.getParams().getCurve().getField().getFieldSize() != 256) {
          throw new IllegalStateException("EC issuer keys must be P-256 (ES256)");
        }
        return key;
      } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
        // try the next key type
      }
    }
    throw new IllegalStateException("The token issuer's public key must be an RSA or EC PEM key");
  }
}
