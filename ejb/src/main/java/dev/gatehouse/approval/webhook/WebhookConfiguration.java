package dev.gatehouse.approval.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code gatehouse.approval.webhook-*} and console link settings. */
@ApplicationScoped
public class WebhookConfiguration {

  @Inject
  @ConfigProperty(name = "gatehouse.approval.webhook-url")
  Optional<String> url;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.webhook-secret")
  Optional<String> secret;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.webhook-ca-file")
  Optional<String> caFile;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.webhook-max-attempts", defaultValue = "8")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.webhook-backoff-seconds", defaultValue = "2")
  int backoffSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.webhook-max-backoff-seconds", defaultValue = "300")
  int maxBackoffSeconds;

  @Inject
  @ConfigProperty(name = "gatehouse.approval.webhook-timeout-seconds", defaultValue = "5")
  int timeoutSeconds;

  @Inject
  @ConfigProperty(
      name = "gatehouse.approval.console-base-url",
      defaultValue = "https://localhost:8181/console")
  String consoleBaseUrl;

  /** The receiver, or empty when notifications are off (nothing is then queued). */
  public Optional<URI> url() {
    return url.filter(u -> !u.isBlank()).map(u -> URI.create(u.strip()));
  }

  /** The signing secret, or empty (deliveries are then unsigned). */
  public Optional<byte[]> secret() {
    return secret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  /** A PEM file of CAs the receiver's certificate must chain to; else the JVM trust store. */
  public Optional<String> caFile() {
    return caFile.filter(f -> !f.isBlank());
  }

  public int maxAttempts() {
    return Math.max(1, maxAttempts);
  }

  /** Wait before attempt {@code failed + 1}: doubling from the base, capped. */
  public Duration backoffAfter(int failed) {
    long base = Math.max(1, backoffSeconds);
    long wait = base << Math.min(20, Math.max(0, failed - 1));
    return Duration.ofSeconds(Math.min(wait, Math.max(base, maxBackoffSeconds)));
  }

  public Duration timeout() {
    return Duration.ofSeconds(Math.max(1, timeoutSeconds));
  }

  /** The console page of an approval or grant. */
  public String consoleLink(String kind, String id) {
    String base =
        consoleBaseUrl.endsWith("/")
            ? consoleBaseUrl.substring(0, consoleBaseUrl.length() - 1)
            : consoleBaseUrl;
    return base + "/" + kind + "/" + id;
  }
}
