package dev.gatehouse.approval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code gatehouse.approval.*} settings. */
@ApplicationScoped
public class ApprovalConfiguration {

  @Inject
  @ConfigProperty(name = "gatehouse.approval.methods")
  Optional<String> methods;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.pending-ttl-seconds", defaultValue = "900")
  int pendingTtlSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.approved-ttl-seconds", defaultValue = "600")
  int approvedTtlSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.max-held-bytes", defaultValue = "262144")
  long maxHeldBytes;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.approvals-required", defaultValue = "1")
  int approvalsRequired;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.grant-max-seconds", defaultValue = "28800")
  long grantMaxSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.max-wait-seconds", defaultValue = "60")
  int maxWaitSeconds;

  /** HTTP methods that always need approval, upper case (for example {@code DELETE}). */
  public Set<String> gatedMethods() {
    return methods
        .map(
            m ->
                Arrays.stream(m.split(","))
                    .map(s -> s.strip().toUpperCase(Locale.ROOT))
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }

  public Duration pendingTtl(Integer perConnection) {
    return Duration.ofSeconds(perConnection != null ? perConnection : pendingTtlSeconds);
  }

  public Duration approvedTtl(Integer perConnection) {
    return Duration.ofSeconds(perConnection != null ? perConnection : approvedTtlSeconds);
  }

  /** The largest request body that may be held (it is stored sealed in the database). */
  public long maxHeldBytes() {
    return maxHeldBytes;
  }

  /** Distinct reviewers who must approve: the connection's count, else the configured default. */
  public int approvalsRequired(Integer perConnection) {
    return Math.max(1, perConnection != null ? perConnection : approvalsRequired);
  }

  /** The longest window a grant may have. */
  public Duration grantMax() {
    return Duration.ofSeconds(grantMaxSeconds);
  }

  /** The most a caller may wait for a decision with {@code Prefer: wait} (0 turns waiting off). */
  public Duration maxWait() {
    return Duration.ofSeconds(Math.max(0, maxWaitSeconds));
  }
}
