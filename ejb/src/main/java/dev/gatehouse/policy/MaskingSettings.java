package dev.gatehouse.policy;

import dev.gatehouse.policy.masking.Detectors;
import dev.gatehouse.policy.masking.MaskStyle;
import dev.gatehouse.policy.masking.Masker;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one masking policy of the gateway, from configuration: the same {@link Masker} masks
 * responses to callers and the transcripts that go to the audit store, so no secret reaches the
 * database that a caller would not see masked either.
 *
 * <p>The keyed-hash style uses {@code gatehouse.policy.mask-hmac-key}; without one a random key is
 * drawn at start, so tokens correlate within one server run only.
 */
@ApplicationScoped
public class MaskingSettings {

  @Inject
  @ConfigProperty(name = "gatehouse.policy.mask-style", defaultValue = "redact")
  String style;

  @Inject
  @ConfigProperty(name = "gatehouse.policy.mask-hmac-key")
  Optional<String> hmacKey;

  @Inject
  @ConfigProperty(name = "gatehouse.policy.mask-window-chars", defaultValue = "8192")
  int window;

  @Inject
  @ConfigProperty(name = "gatehouse.policy.mask-pem-window-chars", defaultValue = "16384")
  int pemWindow;

  @Inject
  @ConfigProperty(name = "gatehouse.policy.unmasked-connections", defaultValue = " ")
  String unmaskedConnections;

  private Masker masker;
  private Set<String> unmasked;

  @PostConstruct
  void init() {
    MaskStyle maskStyle = MaskStyle.valueOf(style.trim().toUpperCase(Locale.ROOT));
    masker = new Masker(Detectors.builtIn(), maskStyle, key());
    unmasked =
        Arrays.stream(unmaskedConnections.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  private byte[] key() {
    if (hmacKey.isPresent() && !hmacKey.get().isBlank()) {
      try {
        return MessageDigest.getInstance("SHA-256")
            .digest(hmacKey.get().getBytes(StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return random;
  }

  public Masker masker() {
    return masker;
  }

  public int window() {
    return window;
  }

  public int pemWindow() {
    return pemWindow;
  }

  /** Response masking is on for every connection unless configured off by name. */
  public boolean masksResponsesOf(String connectionName) {
    return !unmasked.contains(connectionName);
  }
}
