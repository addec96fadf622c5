package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The hardened HTTPS listener, probed as an attacker would: old protocols and CBC suites must not
 * handshake, TLS 1.2 and 1.3 must, and nothing may answer in plaintext off loopback.
 */
class TlsListenerIT {

  private final TestDomain domain = TestDomain.get();
  private final SSLContext trusting =
      TestDomain.sslContextTrusting(Path.of(domain.value("GATEHOUSE_LISTENER_CERT")));

  private SSLSocket handshake(String protocol, String... suites) throws IOException {
    SSLSocket socket =
        (SSLSocket) trusting.getSocketFactory().createSocket("localhost", domain.httpsPort());
    socket.setSoTimeout(5000);
    socket.setEnabledProtocols(new String[] {protocol});
    if (suites.length > 0) {
      socket.setEnabledCipherSuites(suites);
    }
    socket.startHandshake();
    return socket;
  }

  @Test
  void acceptsTls13() throws IOException {
    try (SSLSocket socket = handshake("TLSv1.3")) {
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
  }

  @Test
  void acceptsTls12WithAnAeadForwardSecretSuite() throws IOException {
    try (SSLSocket socket = handshake("TLSv1.2")) {
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(socket.getSession().getCipherSuite())
          .startsWith("TLS_ECDHE_")
          .containsAnyOf("_GCM_", "CHACHA20");
    }
  }

  @Test
  void refusesCbcSuites() {
    assertThatThrownBy(
            () ->
                handshake(
                        "TLSv1.2",
                        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384")
                    .close())
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void refusesTls11EvenFromAClientThatOffersIt() throws Exception {
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + domain.httpsPort(),
                "-tls1_1",
                "-cipher",
                "DEFAULT:@SECLEVEL=0")
            .redirectErrorStream(true)
            .start();
    openssl.getOutputStream().close();
    assertThat(openssl.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(openssl.exitValue()).as(output).isNotZero();
    assertThat(output).doesNotContainPattern("Cipher is [A-Z0-9]");
  }

  @Test
  void sendsHsts() throws Exception {
    HttpResponse<String> response =
        domain
            .client()
            .send(domain.request("/api/v1/health").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("strict-transport-security")).isPresent();
  }

  @Test
  void answersNothingInPlaintextOffLoopback() throws IOException {
    Optional<InetAddress> external = nonLoopbackAddress();
    assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
    int plainPort = Integer.parseInt(domain.value("GATEHOUSE_HTTP_PORT"));
    try (Socket socket = new Socket()) {
      assertThatThrownBy(
              () -> socket.connect(new InetSocketAddress(external.get(), plainPort), 2000))
          .isInstanceOf(IOException.class);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(external.get(), domain.httpsPort()), 2000);
      assertThat(socket.isConnected()).isTrue();
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
