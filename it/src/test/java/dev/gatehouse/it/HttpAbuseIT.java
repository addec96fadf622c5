package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP abuse over raw TLS sockets, bytes written by hand: request smuggling, CRLF injection, path
 * traversal out of a connection's base path, oversize headers and bodies, hostile JSON. The backend
 * is a {@link ScriptedBackend} under the base path {@code /base/area} that records every request
 * target it receives, so each case also proves what did (not) reach it.
 *
 * <p>Two kinds of refusal: Gatehouse's own (a problem document with a reason and an audit record,
 * the connection closed where framing was in doubt), and the container's, for bytes its HTTP parser
 * cannot read at all (an empty 400 with {@code Connection: close}, no server banner, no application
 * code run — so no audit record either).
 */
@ExtendWith(ArquillianExtension.class)
class HttpAbuseIT {

  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
  private static final String BASE = "/base/area";
  private static final int MAX_BODY = 32 * 1024;

  private static ScriptedBackend backend;
  private static String connection;

  private final TestDomain domain = TestDomain.get();
  private final RawHttps raw = new RawHttps(domain);
  private final String token = domain.token("mallory", "demo-users");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void startBackend() throws Exception {
    TestDomain domain = TestDomain.get();
    backend = ScriptedBackend.start(domain);
    connection = "abuse-" + RUN;
    TestConnections.register(
        domain, connection, backend.url() + BASE, "\"maxRequestBytes\":" + MAX_BODY);
  }

  @AfterAll
  static void stopBackend() throws Exception {
    backend.close();
  }

  @BeforeEach
  void forgetWhatTheBackendSaw() {
    backend.clear();
  }

  // --- request smuggling -------------------------------------------------------------------------

  /*
   * Content-Length with Transfer-Encoding: Payara's HTTP parser lets chunked framing win and drops
   * the Content-Length before any application code could see both (RFC 9112 §6.3 allows that), so
   * the request is served as chunked — and then, as the RFC requires, the connection is closed, so
   * the bytes a Content-Length reader would have taken for the body are never read as a request.
   */

  @Test
  void contentLengthWithTransferEncodingIsReadAsChunkedAndTheConnectionClosed() throws Exception {
    String marker = "smuggled-cl-te-" + RUN;
    String smuggled = head("GET", "/gw/" + connection + "/" + marker) + "\r\n";
    String body = "0\r\n\r\n" + smuggled;

    RawHttps.Response response =
        raw.send(
            head("POST", "/gw/" + connection + "/cl-te")
                + "Content-Length: "
                + body.length()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                + body);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("connection")).isEqualToIgnoringCase("close");
    assertClosedWithNothingAfter(response);
    assertThat(response.body()).contains("body=0");
    assertForwardedAndRecorded(response);
    // The request pipelined behind it is parsed by the container but refused, never forwarded.
    assertThat(backend.targets()).containsExactly(BASE + "/cl-te");
    assertThat(auditSearch(marker)).contains("\"reason\":\"pipelined_after_close\"");
  }

  @Test
  void transferEncodingWithContentLengthIsReadAsChunkedAndTheConnectionClosed() throws Exception {
    String smuggled = "GET /gw/" + connection + "/smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n";
    String chunk = Integer.toHexString(smuggled.length()) + "\r\n" + smuggled + "\r\n0\r\n\r\n";

    RawHttps.Response response =
        raw.send(
            head("POST", "/gw/" + connection + "/te-cl")
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertClosedWithNothingAfter(response);
    assertThat(backend.targets()).containsExactly(BASE + "/te-cl");
    assertThat(response.body()).contains("body=" + smuggled.length());
    assertForwardedAndRecorded(response);
  }

  @Test
  void conflictingContentLengthsAreRefusedByTheContainer() throws Exception {
    RawHttps.Response response =
        raw.send(
            head("POST", "/gw/" + connection + "/dup-cl")
                + "Content-Length: 5\r\nContent-Length: 40\r\n\r\nhello");

    assertContainerRefusal(response);
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void repeatedEqualContentLengthsAreRefused() throws Exception {
    RawHttps.Response response =
        raw.send(
            head("POST", "/gw/" + connection + "/dup-cl-equal")
                + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello");

    assertRefusedSomewhere(response, 400, "ambiguous_framing");
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void anUnknownTransferCodingIsRefusedAndItsBytesAreNotReadAsARequest() throws Exception {
    String smuggled = "GET /gw/" + connection + "/smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n";

    RawHttps.Response response =
        raw.send(
            head("POST", "/gw/" + connection + "/xchunked")
                + "Transfer-Encoding: xchunked\r\n\r\n"
                + smuggled);

    assertGatehouseRefusal(response, 501, "unsupported_transfer_encoding");
    assertClosedWithNothingAfter(response);
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void aSecondTransferEncodingHeaderIsRefused() throws Exception {
    RawHttps.Response response =
        raw.send(
            head("POST", "/gw/" + connection + "/te-twice")
                + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");

    assertGatehouseRefusal(response, 501, "unsupported_transfer_encoding");
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void aSpaceBeforeTheColonIsRefusedByTheContainer() throws Exception {
    RawHttps.Response response =
        raw.send(
            head("POST", "/gw/" + connection + "/space-colon")
                + "Transfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\nabc");

    assertContainerRefusal(response);
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void whitespaceAroundChunkedIsOrdinaryChunkedFraming() throws Exception {
    for (String value : List.of(" chunked", "\tchunked")) {
      backend.clear();
      RawHttps.Response response =
          raw.send(
              head("POST", "/gw/" + connection + "/ows")
                  + "Connection: close\r\nTransfer-Encoding:"
                  + value
                  + "\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

      assertThat(response.status()).as(value + ": " + response).isEqualTo(200);
      assertThat(response.body()).contains("body=5");
      assertThat(backend.targets()).containsExactly(BASE + "/ows");
    }
  }

  @Test
  void aFoldedHeaderLineCannotIntroduceTransferEncoding() throws Exception {
    RawHttps.Response response =
        raw.send(
            head("POST", "/gw/" + connection + "/folded")
                + "Connection: close\r\nX-A: 1\r\n Transfer-Encoding: chunked\r\n"
                + "Content-Length: 3\r\n\r\nabc");

    // RFC 9112 §5.2: an obs-fold is replaced by a space, so the line only extends X-A's value.
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).contains("body=3");
    assertThat(backend.targets()).containsExactly(BASE + "/folded");
  }

  // --- CRLF injection ----------------------------------------------------------------------------

  @Test
  void aBareCarriageReturnInAHeaderIsRefusedByTheContainer() throws Exception {
    RawHttps.Response response =
        raw.send(head("GET", "/gw/" + connection + "/cr") + "X-A: a\rInjected: 1\r\n\r\n");

    assertContainerRefusal(response);
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void anEncodedCrlfInThePathIsRefused() throws Exception {
    RawHttps.Response response =
        raw.send(
            head("GET", "/gw/" + connection + "/x%0d%0aInjected:%201")
                + "Connection: close\r\n\r\n");

    assertGatehouseRefusal(response, 400, "invalid_path");
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void anEncodedCrlfInTheQueryStaysEncodedOnTheWayToTheBackend() throws Exception {
    RawHttps.Response response =
        raw.send(
            head("GET", "/gw/" + connection + "/q?x=%0d%0aInjected:%201")
                + "Connection: close\r\n\r\n");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(backend.targets()).containsExactly(BASE + "/q?x=%0d%0aInjected:%201");
    assertThat(backend.heads()).noneMatch(h -> h.contains("\r\nInjected:"));
  }

  // --- path traversal ----------------------------------------------------------------------------

  @Test
  void dotSegmentsInEveryDisguiseAreRefusedWithAnAuditRecord() throws Exception {
    for (String escape :
        List.of(
            "/x/../../../secret",
            "/%2e%2e/secret",
            "/%2E%2E/secret",
            "/.%2e/secret",
            "/%252e%252e/secret",
            "/%25252e%25252e/secret",
            "/..;/secret",
            "/x/..;jsessionid=1/..;/secret",
            "/..%2fsecret",
            "/%2e%2e%2fsecret",
            "/x/%2e/secret")) {
      RawHttps.Response response =
          raw.send(head("GET", "/gw/" + connection + escape) + "Connection: close\r\n\r\n");

      assertThat(response.status()).as(escape + ": " + response).isEqualTo(400);
      assertThat(response.body()).as(escape).contains("\"reason\":\"invalid_path\"");
      assertAuditRecord(response, 400, "invalid_path");
    }
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void backslashesRawOrEncodedAreRefusedByTheContainer() throws Exception {
    for (String escape : List.of("/x\\..\\..\\secret", "/%5c..%5csecret", "/x%5c%2e%2e%5csecret")) {
      RawHttps.Response response =
          raw.send(head("GET", "/gw/" + connection + escape) + "Connection: close\r\n\r\n");

      assertThat(response.status()).as(escape + ": " + response).isEqualTo(400);
      assertThat(response.body()).as(escape).isEmpty();
      assertThat(response.header("server")).isNull();
    }
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void nothingOutsideTheBasePathEverReachesTheBackend() throws Exception {
    for (String path :
        List.of(
            "//secret",
            "/ok//../secret",
            "/%2f%2e%2e%2fsecret",
            "/%c0%ae%c0%ae/secret",
            "/ok/%2e%2e",
            "/ok/..",
            "/ok/.",
            "/;/../secret",
            "/ok?../../secret")) {
      raw.send(head("GET", "/gw/" + connection + path) + "Connection: close\r\n\r\n");
    }
    assertThat(backend.targets()).isNotEmpty();
    for (String target : backend.targets()) {
      String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      assertThat(path).startsWith(BASE + "/");
      String decoded = path;
      for (int round = 0; round < 4; round++) {
        decoded = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
      }
      for (String segment : decoded.replace('\\', '/').split("/")) {
        String name = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
        assertThat(name).as(target).isNotIn(".", "..");
      }
    }
  }

  // --- sizes -------------------------------------------------------------------------------------

  @Test
  void headersOverTheGatewayBoundAre431WithAnAuditRecord() throws Exception {
    RawHttps.Response response =
        raw.send(
            head("GET", "/gw/" + connection + "/big-headers")
                + "X-Big: "
                + "a".repeat(20_000)
                + "\r\n\r\n");

    assertGatehouseRefusal(response, 431, "headers_too_large");
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void headersOverTheContainerBoundCloseTheConnection() throws Exception {
    RawHttps.Response response =
        raw.send(
            head("GET", "/gw/" + connection + "/huge-headers")
                + "X-Huge: "
                + "a".repeat(100_000)
                + "\r\n\r\n");

    assertContainerRefusal(response);
    assertThat(backend.targets()).isEmpty();
  }

  @Test
  void aBodyOverTheConnectionLimitIs413WithTheCallerInTheAuditRecord() throws Exception {
    String body = "a".repeat(MAX_BODY + 1);

    RawHttps.Response declared =
        raw.send(
            head("POST", "/gw/" + connection + "/big-body")
                + "Connection: close\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);
    RawHttps.Response chunked =
        raw.send(
            head("POST", "/gw/" + connection + "/big-chunked-body")
                + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length())
                + "\r\n"
                + body
                + "\r\n0\r\n\r\n");

    for (RawHttps.Response response : List.of(declared, chunked)) {
      String record = assertGatehouseRefusal(response, 413, "request_too_large");
      assertThat(record).contains("\"subject\":\"mallory\"");
    }
    assertThat(backend.targets()).isEmpty();
  }

  // --- hostile JSON ------------------------------------------------------------------------------

  @Test
  void jsonNestedTenThousandDeepIs400AndTheGatewayCarriesOn() throws Exception {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);

    RawHttps.Response response = postJson("/deep", deep.getBytes(StandardCharsets.US_ASCII));

    String record = assertGatehouseRefusal(response, 400, "invalid_json");
    assertThat(record).contains("\"subject\":\"mallory\"");
    assertThat(backend.targets()).isEmpty();
    RawHttps.Response after = postJson("/after-deep", "{\"ok\":[1,2,3]}".getBytes());
    assertThat(after.status()).as(after.toString()).isEqualTo(200);
  }

  @Test
  void jsonNestedTenThousandDeepIs400OnTheAdminApiToo() throws Exception {
    String deep = "{\"request\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

    HttpResponse<String> response = AdminApi.admin(domain).post("/api/v1/policies/test", deep);

    Problems.assertProblem(response, 400, "invalid_policy");
  }

  @Test
  void invalidUtf8InAJsonBodyIs400() throws Exception {
    byte[] body = {'{', '"', 'c', 'm', 'd', '"', ':', '"', 'r', (byte) 0xff, 'm', '"', '}'};

    RawHttps.Response response = postJson("/bad-utf8", body);

    assertGatehouseRefusal(response, 400, "invalid_json");
    assertThat(response.body()).contains("UTF-8");
    assertThat(backend.targets()).isEmpty();
  }

  // --- helpers -----------------------------------------------------------------------------------

  private String head(String method, String target) {
    return method
        + " "
        + target
        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + token
        + "\r\n";
  }

  private RawHttps.Response postJson(String path, byte[] json) throws Exception {
    byte[] start =
        (head("POST", "/gw/" + connection + path)
                + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[start.length + json.length];
    System.arraycopy(start, 0, request, 0, start.length);
    System.arraycopy(json, 0, request, start.length, json.length);
    return raw.send(request);
  }

  /**
   * A problem document with that status and reason, no banner, and its audit record; returns it.
   */
  private String assertGatehouseRefusal(RawHttps.Response response, int status, String reason)
      throws Exception {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("content-type")).startsWith("application/problem+json");
    assertThat(response.body())
        .contains("\"status\":" + status)
        .contains("\"reason\":\"" + reason + "\"");
    assertThat(response.header("server")).isNull();
    assertThat(response.header("x-powered-by")).isNull();
    return assertAuditRecord(response, status, reason);
  }

  /** The audit records whose path contains the text, as an auditor sees them. */
  private String auditSearch(String pathText) throws Exception {
    String auditor = domain.token("audit-reader", "gatehouse-auditor");
    String found = "";
    for (int attempt = 0; attempt < 30 && !found.contains("\"reason\""); attempt++) {
      Thread.sleep(200);
      found =
          domain
              .client()
              .send(
                  domain
                      .request("/api/v1/audit?path=" + pathText)
                      .header("Authorization", "Bearer " + auditor)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    }
    return found;
  }

  private void assertForwardedAndRecorded(RawHttps.Response response) throws Exception {
    String auditId = response.header("gatehouse-audit-id");
    assertThat(auditId).isNotBlank();
    String record = domain.completedAuditRecord(auditId);
    assertThat(record).contains("\"decision\":\"ALLOWED\"").contains("\"subject\":\"mallory\"");
  }

  private String assertAuditRecord(RawHttps.Response response, int status, String reason)
      throws Exception {
    String auditId = Json.field(response.body(), "auditId");
    assertThat(auditId).as("auditId in " + response.body()).isNotBlank();
    String record = domain.completedAuditRecord(auditId);
    assertThat(record).contains("\"reason\":\"" + reason + "\"").contains("\"status\":" + status);
    return record;
  }

  /**
   * What the container's HTTP parser answers to bytes it cannot read: 400, an empty body, the
   * connection closed, no server banner.
   */
  private static void assertContainerRefusal(RawHttps.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.body()).isEmpty();
    assertThat(response.header("server")).isNull();
    assertThat(response.header("x-powered-by")).isNull();
    assertClosedWithNothingAfter(response);
  }

  /** Either the container or Gatehouse refused it; if Gatehouse, with this reason and a record. */
  private void assertRefusedSomewhere(RawHttps.Response response, int status, String reason)
      throws Exception {
    if (response.body().isEmpty()) {
      assertContainerRefusal(response);
    } else {
      assertGatehouseRefusal(response, status, reason);
    }
  }

  private static void assertClosedWithNothingAfter(RawHttps.Response response) {
    assertThat(response.afterwards()).as("a second response on the connection").isEmpty();
    assertThat(response.closed()).as("connection closed after the refusal").isTrue();
  }
}
