package dev.gatehouse.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the {@link TokenVerifier} and the {@link ProtectedResourceMetadata} that names its issuer
 * from configuration. Key names follow MicroProfile JWT ({@code mp.jwt.verify.*}) so that settings
 * written for any MP-JWT runtime carry over; the groups claim and the JWKS transport are
 * Gatehouse's own. Without an issuer and key location every token is refused ({@code
 * identity_not_configured}): the gateway fails closed.
 */
@ApplicationScoped
public class IdentityConfiguration {

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.issuer")
  Optional<String> issuer;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.publickey.location")
  Optional<String> keyLocation;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "gatehouse")
  String audiences;

  @Inject
  @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
  int clockSkewSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.identity.groups-claim", defaultValue = "groups")
  String groupsClaim;

  @Inject
  @ConfigProperty(name = "gatehouse.identity.jwks-ca-file")
  Optional<String> jwksCaFile;

  @Inject
  @ConfigProperty(name = "gatehouse.identity.jwks-cache-seconds", defaultValue = "300")
  int jwksCacheSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.identity.jwks-min-refresh-millis", defaultValue = "1000")
  long jwksMinRefreshMillis;

  @Inject
  @ConfigProperty(name = "gatehouse.identity.public-base-url")
  Optional<String> publicBaseUrl;

  @Inject
  @ConfigProperty(name = "gatehouse.identity.scopes")
  Optional<String> scopes;

  @Produces
  @Singleton
  ProtectedResourceMetadata protectedResourceMetadata() {
    return new ProtectedResourceMetadata(
        publicBaseUrl,
        issuer,
        scopes.stream()
            .flatMap(s -> Arrays.stream(s.split("[,\\s]+")))
            .filter(s -> !s.isEmpty())
            .toList());
  }

  @Produces
  @Singleton
  TokenVerifier tokenVerifier() {
    if (issuer.isEmpty() || keyLocation.isEmpty()) {
      return new TokenVerifier(
          new TokenPolicy("", Set.of(), groupsClaim, Duration.ZERO),
          (header, context) -> {
            throw new TokenRejected(
                "identity_not_configured", "No token issuer is configured on this gateway.");
          },
          Clock.systemUTC());
    }
    Set<String> accepted =
        Arrays.stream(audiences.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    return new TokenVerifier(
        new TokenPolicy(issuer.get(), accepted, groupsClaim, Duration.ofSeconds(clockSkewSeconds)),
        VerificationKeys.forLocation(
            keyLocation.get(),
            jwksCaFile.map(IdentityConfiguration::trusting).orElse(null),
            Duration.ofSeconds(jwksCacheSeconds),
            Duration.ofMillis(jwksMinRefreshMillis)),
        Clock.systemUTC());
  }

  private static SSLSocketFactory trusting(String pemFile) {
    try (InputStream in = Files.newInputStream(Path.of(pemFile))) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("jwks-ca-" + i++, certificate);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot use the JWKS CA file " + pemFile, e);
    }
  }
}
