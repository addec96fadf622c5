package dev.gatehouse.proxy;

import dev.gatehouse.connection.HostGuard;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.exchange.TlsFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * Sends an exchange to its backend and hands back the response as a stream.
 *
 * <p>Guarantees: the backend's address passes the {@link HostGuard} at every request; the backend
 * is reached only over TLS 1.3/1.2 (1.3 only when the connection demands it), verified against the
 * connection's CA (or the JVM trust store) with hostname verification, which the JDK client always
 * performs, and against its pin when it has one; the connection's client certificate is presented
 * when it has one; response bodies are bounded by {@code maxResponseBytes}; redirects are never
 * followed (a 3xx goes back to the caller as is); the caller's credentials are stripped and the
 * connection's injected; the negotiated protocol and suite of every response are recorded on the
 * exchange.
 *
 * <p>Uses {@link java.net.http.HttpClient} rather than a Jersey client: it exposes the {@link
 * SSLSession} of each response (the upstream TLS facts an auditor needs), streams both ways, and
 * keeps one pooled client per connection version. Plain {@code http} is used only where the guard
 * allows it (loopback, with the dev flag).
 */
@ApplicationScoped
public class UpstreamClient {

  private static final Set<String> BODYLESS = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "DELETE");

  private record Pooled(long version, HttpClient client) {}

  private final ConcurrentMap<String, Pooled> clients = new ConcurrentHashMap<>();

  @Inject HostGuard hostGuard;

  public ProxyResponse send(UpstreamTarget target, ProxyExchange exchange) {
    guardAddress(target);
    byte[] body = exchange.body(target.maxRequestBytes());
    HttpRequest request = buildRequest(target, exchange, body);
    long started = System.nanoTime();
    HttpResponse<InputStream> response;
    try {
      response = client(target).send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw GatewayRefusal.upstreamError(
          504, "upstream_connect_timeout", "The backend did not accept a connection in time.", e);
    } catch (HttpTimeoutException e) {
      throw GatewayRefusal.upstreamError(
          504, "upstream_timeout", "The backend did not answer in time.", e);
    } catch (SSLException e) {
      throw tlsFailure(e);
    } catch (ConnectException e) {
      throw GatewayRefusal.upstreamError(
          502, "upstream_unreachable", "The backend refused or could not be reached.", e);
    } catch (IOException e) {
      throw unreachableOrTls(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GatewayRefusal.upstreamError(
          503, "gateway_interrupted", "The gateway was interrupted while relaying.", e);
    }
    long upstreamNanos = System.nanoTime() - started;
    exchange.upstreamResponded(
        response.statusCode(),
        upstreamNanos,
        response.sslSession().map(UpstreamClient::facts).orElse(TlsFacts.NONE));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ForwardedHeaders.towardsCaller(
        response.headers().map(),
        (name, value) -> {
          if (name.equals("location")) {
            BackendLocation.towardsCaller(value, request.uri(), target.baseUri(), target.name())
                .ifPresent(kept -> headers.computeIfAbsent(name, n -> new ArrayList<>()).add(kept));
          } else {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
          }
        });
    return new ProxyResponse(
        response.statusCode(), headers, limited(response, target.maxResponseBytes()));
  }

  private static GatewayRefusal unreachableOrTls(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return tlsFailure(e);
      }
      if (t instanceof ConnectException) {
        return GatewayRefusal.upstreamError(
            502, "upstream_unreachable", "The backend refused or could not be reached.", e);
      }
      if (t instanceof ProtocolException) {
        return GatewayRefusal.upstreamError(
            502, "upstream_protocol_error", "The backend's answer is not valid HTTP.", e);
      }
    }
    return GatewayRefusal.upstreamError(
        502, "upstream_failed", "The backend broke off the exchange.", e);
  }

  /**
   * Names a TLS failure precisely: the pin did not match, the certificate (chain or host name) did
   * not verify, or the handshake failed otherwise (for example no common protocol version).
   */
  private static GatewayRefusal tlsFailure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TrustMaterial.PinMismatch) {
        return GatewayRefusal.upstreamError(
            502,
            "upstream_pin_mismatch",
            "The backend's certificate does not match the connection's pin.",
            e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return GatewayRefusal.upstreamError(
            502,
            "upstream_tls_untrusted",
            "The backend's certificate is not trusted by the connection.",
            e);
      }
    }
    return GatewayRefusal.upstreamError(
        502, "upstream_tls_failed", "The TLS handshake with the backend failed.", e);
  }

  private void guardAddress(UpstreamTarget target) {
    hostGuard
        .refusal(target.baseUri().toString(), true)
        .ifPresent(
            why -> {
              throw GatewayRefusal.refused(
                  502,
                  "upstream_address_refused",
                  "The connection's backend address is not allowed: " + why + ".");
            });
  }

  private static InputStream limited(HttpResponse<InputStream> response, long maxResponseBytes) {
    long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
    if (declared > maxResponseBytes) {
      try {
        response.body().close();
      } catch (IOException ignored) {
        // the refusal is what matters
      }
      throw GatewayRefusal.upstreamError(
          502,
          "response_too_large",
          "The backend's response exceeds the connection's maxResponseBytes.",
          null);
    }
    return new BoundedResponseStream(response.body(), maxResponseBytes);
  }

  private static TlsFacts facts(SSLSession session) {
    return new TlsFacts(session.getProtocol(), session.getCipherSuite());
  }

  private static HttpRequest buildRequest(
      UpstreamTarget target, ProxyExchange exchange, byte[] body) {
    URI uri;
    try {
      uri = target.resolve(exchange.path(), exchange.rawQuery());
    } catch (IllegalArgumentException e) {
      throw GatewayRefusal.refused(400, "invalid_path", "The request target is not a valid URI.");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
      throw GatewayRefusal.refused(
          502, "upstream_not_https", "The connection's backend is not an https URL.");
    }
    HttpRequest.BodyPublisher publisher =
        body.length == 0 && BODYLESS.contains(exchange.method())
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(target.readTimeout())
            .method(exchange.method(), publisher);
    try {
      ForwardedHeaders.towardsBackend(exchange.headers(), builder::header);
      builder.setHeader("X-Forwarded-For", String.valueOf(exchange.clientAddress()));
      builder.setHeader("X-Forwarded-Proto", "https");
      builder.setHeader("X-Forwarded-Prefix", "/gw/" + exchange.connectionName());
      builder.setHeader("X-Real-IP", String.valueOf(exchange.clientAddress()));
      builder.setHeader("X-Request-Id", exchange.id());
      if (target.credentialHeaderName() != null) {
        builder.setHeader(target.credentialHeaderName(), target.credentialHeaderValue());
      }
    } catch (IllegalArgumentException e) {
      throw GatewayRefusal.refused(400, "invalid_header", "A request header is not valid HTTP.");
    }
    return builder.build();
  }

  private HttpClient client(UpstreamTarget target) {
    Pooled pooled = clients.get(target.name());
    if (pooled != null && pooled.version() == target.version()) {
      return pooled.client();
    }
    Pooled fresh = new Pooled(target.version(), newClient(target));
    clients.put(target.name(), fresh);
    return fresh.client();
  }

  private static HttpClient newClient(UpstreamTarget target) {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(
        "TLSv1.3".equals(target.minTlsVersion())
            ? new String[] {"TLSv1.3"}
            : new String[] {"TLSv1.3", "TLSv1.2"});
    try {
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(target.connectTimeout())
          .sslContext(TrustMaterial.sslContext(target))
          .sslParameters(parameters)
          .build();
    } catch (GeneralSecurityException e) {
      throw GatewayRefusal.upstreamError(
          502,
          "upstream_tls_misconfigured",
          "The connection's TLS material (CA, client certificate or key) cannot be used.",
          e);
    }
  }
}
