package dev.gatehouse.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The data path's view of the registry: {@link UpstreamTarget} snapshots by connection name, cached
 * for a short time so that a request costs no database round trip, yet an edit made on another
 * instance shows within {@code gatehouse.connection.cache-seconds}. Unknown names are not cached,
 * so that probing random names cannot fill memory.
 */
@ApplicationScoped
public class ConnectionDirectory {

  private record Cached(UpstreamTarget target, long loadedAtNanos) {}

  @Inject ConnectionRepository repository;

  @Inject SecretCipher cipher;

  @Inject
  @ConfigProperty(name = "gatehouse.connection.cache-seconds", defaultValue = "5")
  int cacheSeconds;

  private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

  public Optional<UpstreamTarget> find(String name) {
    Cached cached = cache.get(name);
    long now = System.nanoTime();
    if (cached != null
        && now - cached.loadedAtNanos() < Duration.ofSeconds(cacheSeconds).toNanos()) {
      return Optional.of(cached.target());
    }
    Optional<UpstreamTarget> loaded = repository.findByName(name).map(this::toTarget);
    loaded.ifPresentOrElse(
        target -> cache.put(name, new Cached(target, now)), () -> cache.remove(name));
    return loaded;
  }

  /**
   * Forgets the snapshot once the changing transaction has ended, so that a request racing the
   * change cannot cache the old version again for the cache period.
   */
  void afterChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) ConnectionChanged change) {
    evict(change.name());
  }

  /** Forgets a cached snapshot after the connection changed here. */
  public void evict(String name) {
    cache.remove(name);
  }

  private UpstreamTarget toTarget(BackendConnection c) {
    String headerName = null;
    String headerValue = null;
    SealedSecret sealed = c.sealedSecret();
    if (c.getCredentialKind() != CredentialKind.NONE && sealed != null) {
      String secret = cipher.open(sealed, c.getId());
      switch (c.getCredentialKind()) {
        case BEARER -> {
          headerName = "Authorization";
          headerValue = "Bearer " + secret;
        }
        case BASIC -> {
          headerName = "Authorization";
          headerValue =
              "Basic "
                  + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        }
        case HEADER -> {
          headerName = c.getCredentialHeader();
          headerValue = secret;
        }
        default -> {}
      }
    }
    String base = c.getBaseUrl().replaceAll("/+$", "");
    return new UpstreamTarget(
        c.getName(),
        URI.create(base),
        headerName,
        headerValue,
        c.getTrustedCaPem(),
        Duration.ofMillis(c.getConnectTimeoutMillis()),
        Duration.ofMillis(c.getReadTimeoutMillis()),
        c.getMaxRequestBytes(),
        c.getAllowedGroups(),
        c.getVersion(),
        c.getPinSha256(),
        c.getMinTlsVersion(),
        c.getClientCertPem(),
        c.sealedClientKey() == null ? null : cipher.open(c.sealedClientKey(), c.getId()),
        c.getMaxResponseBytes(),
        new ApprovalSettings(
            c.isApprovalRequired(),
            c.getApprovalPendingTtlSeconds(),
            c.getApprovalApprovedTtlSeconds(),
            c.getApprovalsRequired(),
            c.getApprovalReviewerGroups()),
        c.getRateLimits(),
        c.getAgentSettings(),
        c.getBudgets());
  }
}
