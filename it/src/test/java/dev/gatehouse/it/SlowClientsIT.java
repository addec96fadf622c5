package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slowloris: hundreds of TLS connections that send half a request and then stall must not starve
 * the callers who send whole ones.
 */
@ExtendWith(ArquillianExtension.class)
class SlowClientsIT {

  private static final int STALLED_CONNECTIONS = 300;

  private final TestDomain domain = TestDomain.get();

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @Test
  void stalledConnectionsDoNotStarveOrdinaryCallers() throws Exception {
    List<SSLSocket> stalled = new ArrayList<>();
    try {
      var factory =
          TestDomain.sslContextTrusting(Path.of(domain.value("GATEHOUSE_LISTENER_CERT")))
              .getSocketFactory();
      for (int i = 0; i < STALLED_CONNECTIONS; i++) {
        SSLSocket socket = (SSLSocket) factory.createSocket("localhost", domain.httpsPort());
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(
            "GET /gw/demo/v1/models HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        stalled.add(socket);
      }

      HttpResponse<String> ordinary =
          domain
              .client()
              .send(
                  domain
                      .request("/gw/demo/v1/models")
                      .timeout(Duration.ofSeconds(10))
                      .header("Authorization", "Bearer " + domain.token("olivia", "demo-users"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(stalled).hasSize(STALLED_CONNECTIONS);
      assertThat(ordinary.statusCode()).isEqualTo(200);
      assertThat(ordinary.body()).contains("demo-react-1");
    } finally {
      for (SSLSocket socket : stalled) {
        socket.close();
      }
    }
  }
}
