package dev.gatehouse.it;

import static dev.gatehouse.it.AdminApi.str;
import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-connection upstream TLS against real HTTPS backends: certificate pins, a backend that demands
 * a client certificate, backends limited to old or new protocol versions, a response size limit.
 */
@ExtendWith(ArquillianExtension.class)
class UpstreamTlsIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private final TestDomain domain = TestDomain.get();
  private final AdminApi admin = AdminApi.admin(domain);
  private final String callerToken = domain.token("alice", "demo-users");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  private String ca() {
    return TestDomain.read(Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CA")));
  }

  private String register(String name, String baseUrl, String extra) throws Exception {
    String unique = name + "-" + RUN;
    HttpResponse<String> created =
        admin.post(
            "/api/v1/connections",
            "{\"name\":"
                + str(unique)
                + ",\"baseUrl\":"
                + str(baseUrl)
                + ",\"credentialKind\":\"BEARER\",\"secret\":"
                + str(domain.demoAgentCredential())
                + ",\"trustedCaPem\":"
                + str(ca())
                + ",\"allowedGroups\":[\"demo-users\"],\"readTimeoutMillis\":5000"
                + (extra == null ? "" : "," + extra)
                + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return unique;
  }

  private HttpResponse<String> call(String connection, String path) throws Exception {
    return domain
        .client()
        .send(
            domain
                .request("/gw/" + connection + path)
                .header("Authorization", "Bearer " + callerToken)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private String agentSpkiPin() throws Exception {
    String pem = TestDomain.read(domain.home().resolve("demo-agent/agent.pem"));
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
  }

  @Test
  void relaysWhenTheBackendKeyMatchesThePin() throws Exception {
    String name =
        register(
            "pinned",
            domain.value("GATEHOUSE_DEMO_AGENT_URL"),
            "\"pinSha256\":" + str(agentSpkiPin()));

    HttpResponse<String> response = call(name, "/test/echo");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Json.field(response.body(), "authorizationCheck")).isEqualTo("matches-credential");
  }

  @Test
  void refusesABackendWhoseKeyDoesNotMatchThePin() throws Exception {
    String name =
        register(
            "mispinned",
            domain.value("GATEHOUSE_DEMO_AGENT_URL"),
            "\"pinSha256\":" + str("00".repeat(32)));

    assertProblem(call(name, "/test/echo"), 502, "upstream_pin_mismatch");
  }

  @Test
  void presentsTheClientCertificateToABackendThatRequiresOne() throws Exception {
    TestBackends.ClientCertificate client =
        TestBackends.issueClientCertificate(
            domain, Path.of(System.getProperty("java.io.tmpdir"), "gatehouse-it-" + RUN));
    TestSecrets.use(client.keyPem().lines().skip(1).findFirst().orElseThrow());
    HttpsServer backend = TestBackends.start(domain, List.of("TLSv1.3", "TLSv1.2"), true);
    try {
      String with =
          register(
              "mtls",
              TestBackends.url(backend),
              "\"clientCertPem\":"
                  + str(client.certificatePem())
                  + ",\"clientKeyPem\":"
                  + str(client.keyPem()));
      String without = register("mtls-none", TestBackends.url(backend), null);

      HttpResponse<String> accepted = call(with, "/anything");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(accepted.body()).contains("backend-ok").contains("CN=gatehouse-it-client");

      HttpResponse<String> refused = call(without, "/anything");
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
      assertThat(Json.field(refused.body(), "reason")).startsWith("upstream_");

      HttpResponse<String> view = admin.get("/api/v1/connections/" + with);
      assertThat(view.body())
          .contains("\"clientKeySet\":true")
          .contains("CN=gatehouse-it-client")
          .doesNotContain(client.keyPem().lines().skip(1).findFirst().orElseThrow());
    } finally {
      backend.stop(0);
    }
  }

  @Test
  void refusesABackendBelowTheConnectionsMinimumTlsVersion() throws Exception {
    HttpsServer tls12 = TestBackends.start(domain, List.of("TLSv1.2"), false);
    try {
      String strict =
          register("tls13-only", TestBackends.url(tls12), "\"minTlsVersion\":\"TLSv1.3\"");
      String lenient =
          register("tls12-ok", TestBackends.url(tls12), "\"minTlsVersion\":\"TLSv1.2\"");

      assertProblem(call(strict, "/x"), 502, "upstream_tls_failed");
      HttpResponse<String> ok = call(lenient, "/x");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    } finally {
      tls12.stop(0);
    }
  }

  @Test
  void refusesATls11OnlyBackend() throws Exception {
    // JDK 17 disables TLS 1.1 (jdk.tls.disabledAlgorithms) on both sides: this backend offers only
    // TLS 1.1 and the gateway never accepts less than 1.2, so no handshake can succeed.
    HttpsServer tls11 = TestBackends.start(domain, List.of("TLSv1.1"), false);
    try {
      String name = register("tls11", TestBackends.url(tls11), null);

      HttpResponse<String> response = call(name, "/x");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
      assertThat(Json.field(response.body(), "reason")).startsWith("upstream_");
    } finally {
      tls11.stop(0);
    }
  }

  @Test
  void refusesAResponseOverTheConnectionsLimit() throws Exception {
    String name =
        register(
            "small-response", domain.value("GATEHOUSE_DEMO_AGENT_URL"), "\"maxResponseBytes\":64");

    assertProblem(call(name, "/test/echo"), 502, "response_too_large");
  }

  @Test
  void refusesAtRequestTimeABackendThatResolvesToAMetadataAddress() throws Exception {
    assertProblem(
        call(TestConnections.METADATA, "/latest/meta-data/"), 502, "upstream_address_refused");
  }
}
