package dev.gatehouse.audit.sink;

import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.ChainCheckpoint;
import dev.gatehouse.audit.OcsfEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * HTTPS push: a batch is POSTed as JSON Lines ({@code application/jsonl}, one {@link OcsfEvent} per
 * line, in chain order) with the configured authorization header; a 2xx answer is the receiver's
 * acknowledgement, anything else (or no answer) fails the batch, which is then sent again. A batch
 * larger than {@code maxPostBytes} goes out as several POSTs, in order. The receiver should
 * de-duplicate on {@code metadata.sequence} (at-least-once delivery).
 */
final class HttpsPushSink implements AuditSink {

  static final String MEDIA_TYPE = "application/jsonl";

  private final URI url;
  private final String authHeaderName;
  private final String authHeaderValue;
  private final int batchSize;
  private final int maxPostBytes;
  private final Duration timeout;
  private final HttpClient client;

  HttpsPushSink(
      URI url,
      SSLContext tls,
      String authHeader,
      int batchSize,
      int maxPostBytes,
      int timeoutMillis) {
    if (!"https".equalsIgnoreCase(url.getScheme())) {
      throw new IllegalArgumentException("the HTTPS sink URL must be https://");
    }
    this.url = url;
    String[] auth = authHeader(authHeader);
    this.authHeaderName = auth[0];
    this.authHeaderValue = auth[1];
    this.batchSize = Math.max(1, batchSize);
    this.maxPostBytes = Math.max(64 * 1024, maxPostBytes);
    this.timeout = Duration.ofMillis(timeoutMillis);
    SSLParameters params = tls.getDefaultSSLParameters();
    params.setProtocols(SinkTls.PROTOCOLS);
    this.client =
        HttpClient.newBuilder()
            .sslContext(tls)
            .sslParameters(params)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** {@code Name: value}, or a bare value meaning {@code Authorization: value}; null for none. */
  static String[] authHeader(String configured) {
    if (configured == null || configured.isBlank()) {
      return new String[] {null, null};
    }
    int colon = configured.indexOf(':');
    if (colon > 0 && configured.substring(0, colon).matches("[A-Za-z0-9-]+")) {
      return new String[] {
        configured.substring(0, colon).strip(), configured.substring(colon + 1).strip()
      };
    }
    return new String[] {"Authorization", configured.strip()};
  }

  @Override
  public String name() {
    return "https";
  }

  @Override
  public String target() {
    return url.toString();
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void deliver(List<AuditRecord> records) throws IOException {
    post(records.stream().map(OcsfEvent::line).toList());
  }

  /** Checkpoints go as their own JSON Lines ({@link ChainCheckpoint#jsonLine}), in a POST alike. */
  @Override
  public void deliverCheckpoints(List<ChainCheckpoint> checkpoints) throws IOException {
    post(checkpoints.stream().map(ChainCheckpoint::jsonLine).toList());
  }

  private void post(List<String> lines) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String l : lines) {
      byte[] line = (l + "\n").getBytes(StandardCharsets.UTF_8);
      if (body.size() > 0 && body.size() + line.length > maxPostBytes) {
        post(body.toByteArray());
        body.reset();
      }
      body.write(line);
    }
    if (body.size() > 0) {
      post(body.toByteArray());
    }
  }

  private void post(byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", MEDIA_TYPE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authHeaderName != null) {
      request.header(authHeaderName, authHeaderValue);
    }
    HttpResponse<Void> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while delivering", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("the receiver answered HTTP " + response.statusCode());
    }
  }

  @Override
  public void close() {
    // HttpClient holds no resource that needs closing on Java 17
  }
}
