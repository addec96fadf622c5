package dev.gatehouse.policy;

import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.policy.masking.CredentialEcho;
import dev.gatehouse.policy.masking.Detector;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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

  @Inject
  @ConfigProperty(
      name = "gatehouse.policy.binary-media-types",
      defaultValue = "image/*,audio/*,video/*,font/*")
  String binaryMediaTypes;

  private List<String> binaryAllowList;
  private MaskStyle maskStyle;
  private byte[] keyBytes;
  private Masker masker;
  private Set<String> unmasked;

  /** Per connection with an injected credential: the masker that also hides that credential. */
  private record ConnectionMasker(long version, Masker masker) {}

  private final ConcurrentMap<String, ConnectionMasker> connectionMaskers =
      new ConcurrentHashMap<>();

  @PostConstruct
  void init() {
    maskStyle = MaskStyle.valueOf(style.trim().toUpperCase(Locale.ROOT));
    keyBytes = key();
    masker = new Masker(Detectors.builtIn(), maskStyle, keyBytes);
    binaryAllowList =
        Arrays.stream(binaryMediaTypes.split(","))
            .map(t -> t.trim().toLowerCase(Locale.ROOT))
            .filter(t -> !t.isEmpty())
            .toList();
    unmasked =
        Arrays.stream(unmaskedConnections.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The masker for a connection's responses: the built-in one, and where the gateway injects a
   * credential, one that also hides that credential in whatever form a backend echoes it ({@link
   * CredentialEcho}). Built once per connection version.
   */
  public Masker maskerFor(UpstreamTarget target) {
    if (target.credentialHeaderValue() == null) {
      return masker;
    }
    ConnectionMasker cached = connectionMaskers.get(target.name());
    if (cached != null && cached.version() == target.version()) {
      return cached.masker();
    }
    Masker built =
        CredentialEcho.detector(target.credentialHeaderValue())
            .map(
                echo -> {
                  List<Detector> detectors = new ArrayList<>(Detectors.builtIn());
                  detectors.add(0, echo);
                  return new Masker(detectors, maskStyle, keyBytes);
                })
            .orElse(masker);
    connectionMaskers.put(target.name(), new ConnectionMasker(target.version(), built));
    return built;
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

  /**
   * Whether a response of this media type (lower case, no parameters), which the masker cannot
   * read, may pass unmasked: only types on {@code gatehouse.policy.binary-media-types} ({@code
   * type/*} names a whole family).
   */
  public boolean passesUnmasked(String mediaType) {
    for (String allowed : binaryAllowList) {
      if (allowed.equals(mediaType)
          || (allowed.endsWith("/*")
              && mediaType.startsWith(allowed.substring(0, allowed.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** Response masking is on for every connection unless configured off by name. */
  public boolean masksResponsesOf(String connectionName) {
    return !unmasked.contains(connectionName);
  }
}
