package dev.gatehouse.approval.webhook;

import dev.gatehouse.connection.Pem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Posts one notification to the configured receiver: TLS verified (against the configured CA file
 * or the JVM trust store), redirects not followed, a short timeout, the body signed by {@link
 * WebhookSignature} when a secret is configured.
 */
@ApplicationScoped
public class WebhookSender {

  @Inject WebhookConfiguration config;

  private HttpClient client;

  @PostConstruct
  void init() {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    config.caFile().ifPresent(file -> builder.sslContext(trusting(Path.of(file))));
    client = builder.build();
  }

  /** The outcome of one attempt: the receiver's status (2xx = delivered), or the failure. */
  public record Outcome(Integer status, String error) {
    public boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  public Outcome send(URI url, WebhookNotification n) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Gatehouse-Webhook/1")
            .header("Gatehouse-Webhook-Id", n.getId())
            .header("Gatehouse-Event", n.getEvent())
            .POST(HttpRequest.BodyPublishers.ofString(n.getPayload()));
    config
        .secret()
        .ifPresent(
            secret ->
                request.header(
                    WebhookSignature.HEADER,
                    WebhookSignature.sign(secret, Instant.now().getEpochSecond(), n.getPayload())));
    try {
      HttpResponse<Void> response =
          client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2
          ? new Outcome(response.statusCode(), null)
          : new Outcome(response.statusCode(), "receiver answered " + response.statusCode());
    } catch (IOException e) {
      return new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, "interrupted");
    }
  }

  private static SSLContext trusting(Path pemFile) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (X509Certificate c : Pem.certificates(Files.readString(pemFile))) {
        store.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the webhook CA file " + pemFile, e);
    }
  }
}
