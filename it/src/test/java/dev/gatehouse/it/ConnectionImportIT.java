package dev.gatehouse.it;

import static dev.gatehouse.it.AdminApi.str;
import static dev.gatehouse.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declarative export and import of the registry: the export never carries a secret, importing an
 * export changes nothing, an import with one invalid entry imports nothing and names the field; and
 * the OpenAPI document describes the admin API without any secret in it.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectionImportIT {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

  private final TestDomain domain = TestDomain.get();
  private final AdminApi admin = AdminApi.admin(domain);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  private static String secret(String prefix) {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return TestSecrets.use(prefix + HexFormat.of().formatHex(b));
  }

  private String entry(String name, String secret, String extra) {
    String ca = TestDomain.read(Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CA")));
    return "{\"name\":"
        + str(name)
        + ",\"baseUrl\":"
        + str(domain.value("GATEHOUSE_DEMO_AGENT_URL"))
        + ",\"credentialKind\":\"BEARER\""
        + (secret == null ? "" : ",\"secret\":" + str(secret))
        + ",\"trustedCaPem\":"
        + str(ca)
        + ",\"allowedGroups\":[\"demo-users\"]"
        + (extra == null ? "" : "," + extra)
        + "}";
  }

  @Test
  void theExportListsEveryConnectionWithoutItsSecret() throws Exception {
    String name = "exported-" + RUN;
    String secret = secret("export-secret-");
    HttpResponse<String> created =
        admin.post("/api/v1/connections", entry(name, secret, "\"readTimeoutMillis\":4321"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    HttpResponse<String> export =
        new AdminApi(domain, "audrey", "gatehouse-auditor").get("/api/v1/connections/export");

    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    assertThat(export.body())
        .startsWith("{\"connections\":[")
        .contains("\"name\":\"" + name + "\"")
        .contains("\"secretSet\":true")
        .contains("\"readTimeoutMillis\":4321")
        .contains("BEGIN CERTIFICATE")
        .doesNotContain(secret)
        .doesNotContain(domain.demoAgentCredential())
        .doesNotContain("\"secret\":");
  }

  @Test
  void importingTheExportChangesNothing() throws Exception {
    String name = "round-trip-" + RUN;
    assertThat(admin.post("/api/v1/connections", entry(name, secret("rt-"), null)).statusCode())
        .isEqualTo(201);
    String etagBefore =
        admin.get("/api/v1/connections/" + name).headers().firstValue("etag").orElseThrow();
    String export = admin.get("/api/v1/connections/export").body();

    HttpResponse<String> imported = admin.post("/api/v1/connections/import", export);

    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body()).contains("\"created\":[]").contains("\"updated\":[]");
    assertThat(imported.body()).contains("\"" + name + "\"");
    assertThat(admin.get("/api/v1/connections/" + name).headers().firstValue("etag"))
        .hasValue(etagBefore);
    assertThat(admin.get("/api/v1/connections/export").body()).isEqualTo(export);
  }

  @Test
  void anImportCreatesAndUpdatesByNameKeepingALeftOutSecret() throws Exception {
    String fresh = "imported-" + RUN;
    String kept = "kept-secret-" + RUN;
    String credential = domain.demoAgentCredential();
    assertThat(admin.post("/api/v1/connections", entry(kept, credential, null)).statusCode())
        .isEqualTo(201);

    HttpResponse<String> imported =
        admin.post(
            "/api/v1/connections/import",
            "{\"connections\":["
                + entry(fresh, credential, null)
                + ","
                + entry(kept, null, "\"readTimeoutMillis\":5000")
                + "],\"policies\":[]}");

    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
    assertThat(imported.body())
        .contains("\"created\":[\"" + fresh + "\"]")
        .contains("\"updated\":[\"" + kept + "\"]");
    String keptView = admin.get("/api/v1/connections/" + kept).body();
    assertThat(keptView).contains("\"secretSet\":true").contains("\"readTimeoutMillis\":5000");
    // Both carry the demo agent's credential: calls through the gateway are authorised.
    String callerToken = domain.token("alice", "demo-users");
    for (String name : new String[] {fresh, kept}) {
      HttpResponse<String> call =
          domain
              .client()
              .send(
                  domain
                      .request("/gw/" + name + "/test/echo")
                      .header("Authorization", "Bearer " + callerToken)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
      assertThat(Json.field(call.body(), "authorizationCheck")).isEqualTo("matches-credential");
    }
    String events = admin.get("/api/v1/admin-events?limit=100").body();
    assertThat(events).contains("\"IMPORT\"").doesNotContain(credential);
  }

  @Test
  void anImportWithOneInvalidEntryImportsNothingAndNamesTheField() throws Exception {
    String good = "all-or-nothing-" + RUN;
    String secret = secret("aon-");

    HttpResponse<String> refused =
        admin.post(
            "/api/v1/connections/import",
            "{\"connections\":["
                + entry(good, secret, null)
                + ","
                + entry("bad-" + RUN, secret, "\"minTlsVersion\":\"TLSv1.0\"")
                + "]}");

    assertProblem(refused, 400, "invalid_request");
    assertThat(refused.body())
        .contains("connections[1].minTlsVersion")
        .doesNotContain("connections[0]")
        .doesNotContain(secret);
    assertProblem(admin.get("/api/v1/connections/" + good), 404, "unknown_connection");
  }

  @Test
  void auditorsMayExportButNotImport() throws Exception {
    HttpResponse<String> refused =
        new AdminApi(domain, "audrey", "gatehouse-auditor")
            .post("/api/v1/connections/import", "{\"connections\":[]}");
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void openApiIsTheHandWrittenDocumentWithTheSharedConventions() throws Exception {
    HttpResponse<String> openapi =
        domain
            .client()
            .send(domain.request("/openapi").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(openapi.statusCode()).as(openapi.body()).isEqualTo(200);
    // Operations only META-INF/openapi.yaml describes this way: were annotation scanning on
    // (mp.openapi.scan.disable), scanned operations would replace them, roles and security lost.
    assertThat(openapi.body())
        .contains("/api/v1/policies/{id}")
        .contains("/api/v1/admin-events")
        .contains("x-gatehouse-roles")
        .contains("#/components/parameters/IfMatch")
        .contains("#/components/responses/PreconditionFailed")
        .contains("#/components/schemas/FieldError");
  }

  @Test
  void openApiDescribesTheAdminApiWithoutSecrets() throws Exception {
    HttpResponse<String> openapi =
        domain
            .client()
            .send(domain.request("/openapi").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(openapi.statusCode()).as(openapi.body()).isEqualTo(200);
    assertThat(openapi.body())
        .contains("/api/v1/connections")
        .contains("/api/v1/connections/import")
        .contains("/api/v1/connections/export")
        .contains("#/components/schemas/ConnectionSpec")
        .containsPattern("(?s)components:.*ConnectionSpec:.*secret:.*writeOnly: true");
    for (String s : TestSecrets.all(domain)) {
      assertThat(openapi.body()).doesNotContain(s);
    }
  }
}
