package dev.gatehouse.proxy;

import dev.gatehouse.connection.HostGuard;
import dev.gatehouse.connection.UpstreamTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Tests a connection as the data path would use it: the same guard, trust, pin, minimum version and
 * client certificate, with hostname verification; reports the negotiated protocol and suite and the
 * backend's chain, or the precise failure. An optional health path is then requested over the same
 * session with the connection's credential; only its status line is reported.
 */
@ApplicationScoped
public class ConnectionProbe {

  @Inject HostGuard hostGuard;

  /** One certificate of the backend's chain. */
  public record ChainEntry(String subject, String issuer, Instant notAfter) {}

  /** What the probe found. */
  public record Result(
      boolean ok,
      String reason,
      String detail,
      String protocol,
      String cipherSuite,
      List<ChainEntry> chain,
      String leafSpkiSha256,
      Integer healthStatus) {}

  public Result probe(UpstreamTarget target, String healthPath) {
    Optional<String> refusal = hostGuard.refusal(target.baseUri().toString(), true);
    if (refusal.isPresent()) {
      return failure("upstream_address_refused", "The backend address " + refusal.get() + ".");
    }
    URI base = target.baseUri();
    if (!"https".equalsIgnoreCase(base.getScheme())) {
      return failure("upstream_not_https", "The backend is not an https URL.");
    }
    int port = base.getPort() < 0 ? 443 : base.getPort();
    try (SSLSocket socket =
        (SSLSocket) TrustMaterial.sslContext(target).getSocketFactory().createSocket()) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      parameters.setProtocols(
          "TLSv1.3".equals(target.minTlsVersion())
              ? new String[] {"TLSv1.3"}
              : new String[] {"TLSv1.3", "TLSv1.2"});
      if (!Character.isDigit(base.getHost().charAt(0)) && !base.getHost().contains(":")) {
        parameters.setServerNames(List.of(new SNIHostName(base.getHost())));
      }
      socket.setSSLParameters(parameters);
      socket.connect(
          new InetSocketAddress(base.getHost(), port), (int) target.connectTimeout().toMillis());
      socket.setSoTimeout((int) target.readTimeout().toMillis());
      socket.startHandshake();
      SSLSession session = socket.getSession();
      List<ChainEntry> chain = new ArrayList<>();
      String spki = null;
      for (Certificate c : session.getPeerCertificates()) {
        X509Certificate x = (X509Certificate) c;
        if (spki == null) {
          spki = TrustMaterial.spkiSha256(x);
        }
        chain.add(
            new ChainEntry(
                x.getSubjectX500Principal().toString(),
                x.getIssuerX500Principal().toString(),
                x.getNotAfter().toInstant()));
      }
      Integer health = null;
      if (healthPath != null && !healthPath.isBlank()) {
        health = health(socket, target, healthPath);
      }
      boolean healthy = health == null || (health >= 200 && health < 400);
      return new Result(
          healthy,
          healthy ? null : "upstream_unhealthy",
          healthy ? "TLS handshake succeeded." : "The health path answered " + health + ".",
          session.getProtocol(),
          session.getCipherSuite(),
          chain,
          spki,
          health);
    } catch (GeneralSecurityException e) {
      return failure("upstream_tls_misconfigured", "The connection's TLS material cannot be used.");
    } catch (SocketTimeoutException e) {
      return failure("upstream_timeout", "The backend did not answer in time.");
    } catch (IOException e) {
      return failure(reason(e), String.valueOf(e.getMessage()));
    }
  }

  private static Integer health(SSLSocket socket, UpstreamTarget target, String path)
      throws IOException {
    String basePath = target.baseUri().getRawPath() == null ? "" : target.baseUri().getRawPath();
    String full = basePath + (path.startsWith("/") ? path : "/" + path);
    if (full.matches(".*[\\s\\r\\n].*")) {
      throw new IOException("The health path is not a valid request target");
    }
    StringBuilder request =
        new StringBuilder("GET ")
            .append(full)
            .append(" HTTP/1.1\r\nHost: ")
            .append(target.baseUri().getAuthority())
            .append("\r\nConnection: close\r\nUser-Agent: gatehouse-probe\r\n");
    if (target.credentialHeaderName() != null) {
      request
          .append(target.credentialHeaderName())
          .append(": ")
          .append(target.credentialHeaderValue())
          .append("\r\n");
    }
    request.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    String status = in.readLine();
    if (status == null || !status.startsWith("HTTP/1.")) {
      throw new IOException("The backend did not answer HTTP");
    }
    String[] parts = status.split(" ");
    return parts.length > 1 ? Integer.valueOf(parts[1]) : null;
  }

  private static String reason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TrustMaterial.PinMismatch) {
        return "upstream_pin_mismatch";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return "upstream_tls_untrusted";
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return "upstream_tls_failed";
      }
    }
    return "upstream_unreachable";
  }

  private static Result failure(String reason, String detail) {
    return new Result(false, reason, detail, null, null, List.of(), null, null);
  }
}
