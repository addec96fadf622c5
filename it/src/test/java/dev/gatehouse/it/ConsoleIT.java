package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator console in a real headless Chromium against the test domain, signed in as the demo
 * users {@code gatehouse up} created: a reviewer watches a held request arrive over the WebSocket
 * and approves it, an admin creates and tests a connection, an auditor finds a request and reads
 * its masked transcript, and the role checks refuse who they should; a reviewer grants a caller a
 * connection and revokes the grant, approves a request on the page a notification links to, and an
 * admin sets a connection's approval settings in the editor — each checked through the real
 * gateway; a connection's tool inventory shows a tool offered through the gateway with the
 * fingerprint the admin API reports; and an admin writes a tool rule in the policy editor that the
 * policies page's tool-call test box (and the REST test) then applies. Every page is photographed
 * under {@code target/screenshots/}, and so is the page of any failure.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

  private static final String CHAT = "/v1/chat/completions";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ConsoleBrowser browser;

  private final TestDomain domain = TestDomain.get();

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (browser != null) {
            browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
          }
        }
      };

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return GatewayDeployment.ear();
  }

  @BeforeAll
  static void startBrowser() {
    browser = new ConsoleBrowser(TestDomain.get());
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return domain.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest chat(String token, String connection, String content, String approval) {
    HttpRequest.Builder b =
        domain
            .request("/gw/" + connection + CHAT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":\""
                        + content
                        + "\"}]}"));
    if (approval != null) {
      b.header("Gatehouse-Approval", approval);
    }
    return b.build();
  }

  /** The validation message shown beside a field of the connection form. */
  private static String fieldError(String field) {
    return browser
        .driver()
        .findElement(
            By.xpath(
                "//*[@id='connection:"
                    + field
                    + "']/following-sibling::span[contains(@class,'field-error')]"))
        .getText();
  }

  @Test
  @Order(1)
  void refusesASignedInUserWithoutAnOperatorRole() {
    browser.signIn("nora");
    browser.screenshot("refused-no-role");
    assertThat(browser.text("#refused-no-role")).contains("none of your groups");
    assertThat(browser.present("nav")).isFalse();

    browser.open("/audit/search.xhtml");
    assertThat(browser.present("#refused-no-role")).isTrue();
    assertThat(browser.present("#records")).isFalse();
  }

  @Test
  @Order(2)
  void sendsStrangersToTheLoginPageAndAStrictContentSecurityPolicy() throws Exception {
    browser.driver().manage().deleteAllCookies();
    browser.open("/approvals/inbox.xhtml");
    browser.waitFor(ExpectedConditions.urlContains("/console/login.xhtml"));
    browser.screenshot("login");
    assertThat(browser.present("#login\\:password")).isTrue();

    HttpResponse<String> login = send(domain.request("/console/login.xhtml").build());
    String csp = login.headers().firstValue("content-security-policy").orElseThrow();
    assertThat(csp)
        .contains("script-src 'self' 'nonce-")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    assertThat(login.body()).doesNotContain("onclick=").doesNotContain("<script>");
    HttpResponse<String> direct = send(domain.request("/console/audit/search.xhtml").build());
    assertThat(direct.statusCode()).isEqualTo(302);
    assertThat(direct.headers().firstValue("location").orElse("")).contains("/console/login.xhtml");
  }

  @Test
  @Order(2)
  void signingInRotatesTheSessionIdAndTheOldOneStaysAnonymous() throws Exception {
    browser.driver().manage().deleteAllCookies();
    browser.open("/login.xhtml");
    Map<String, String> before = browser.cookies();
    assertThat(before).as("the login page opens a session").isNotEmpty();

    browser.submitLogin("ada");
    Map<String, String> after = browser.cookies();
    assertThat(browser.present("nav")).isTrue();
    for (Map.Entry<String, String> cookie : before.entrySet()) {
      assertThat(after.get(cookie.getKey())).as(cookie.getKey()).isNotEqualTo(cookie.getValue());
    }
    // The id a fixation attacker planted (the one from before the login) is not signed in.
    HttpResponse<String> planted =
        send(
            domain
                .request("/console/audit/search.xhtml")
                .header("Cookie", cookieHeader(before))
                .build());
    assertThat(planted.statusCode()).isEqualTo(302);
    assertThat(planted.headers().firstValue("location").orElse(""))
        .contains("/console/login.xhtml");
  }

  private static String cookieHeader(Map<String, String> cookies) {
    return cookies.entrySet().stream()
        .map(c -> c.getKey() + "=" + c.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  @Test
  @Order(3)
  void aHeldRequestAppearsInTheInboxWithoutReloadAndTheApprovedResendSucceeds() throws Exception {
    String alice = domain.token("alice", "demo-users");
    String marker = "Console approval " + UUID.randomUUID();
    String email = "alice.secret@example.com";

    browser.signIn("rita");
    browser.open("/approvals/inbox.xhtml");
    browser.screenshot("inbox-before");
    // The websocket initialiser, and only it, carries the page's CSP nonce (else push is dead).
    String initialiser =
        (String)
            ((JavascriptExecutor) browser.driver())
                .executeScript(
                    "var s = document.querySelector('script[id^=\"live\"]');"
                        + " return s ? s.nonce + '|' + s.textContent : 'none';");
    assertThat(initialiser).as(initialiser).doesNotStartWith("|").contains("faces.push.init(");
    // Survives only as long as the page is not reloaded.
    ((JavascriptExecutor) browser.driver()).executeScript("window.gatehouseNoReload = 'yes';");

    HttpResponse<String> held =
        send(chat(alice, TestConnections.APPROVAL, marker + " mail " + email, null));
    assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
    String id = Json.field(held.body(), "approvalId");

    browser.waitFor(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("a[data-approval='" + id + "']")));
    assertThat(
            ((JavascriptExecutor) browser.driver())
                .executeScript("return window.gatehouseNoReload;"))
        .isEqualTo("yes");
    browser.screenshot("inbox-pushed");

    browser.find("inbox").findElement(By.cssSelector("a[data-approval='" + id + "']")).click();
    String shown = browser.text("#held-request");
    browser.screenshot("inbox-held-request");
    assertThat(shown).contains(marker).contains("[EMAIL]").doesNotContain(email);
    assertThat(browser.text("#held-requester")).isEqualTo("alice");

    browser.find("decide:approve").click();
    browser.waitFor(ExpectedConditions.textToBe(By.id("held-state"), "APPROVED"));
    browser.screenshot("inbox-approved");

    HttpResponse<String> released =
        send(chat(alice, TestConnections.APPROVAL, marker + " mail " + email, id));
    assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    assertThat(released.body()).contains("chat.completion");
  }

  @Test
  @Order(4)
  void anAdminCreatesAConnectionWithInlineValidationAndTestsIt() throws Exception {
    String name = "console-" + UUID.randomUUID().toString().substring(0, 8);
    String credential = domain.demoAgentCredential();
    try {
      browser.signIn("ada");
      browser.open("/connections/list.xhtml");
      browser.screenshot("connections-list");
      assertThat(browser.text("#connections")).contains("demo");
      assertThat(browser.driver().getPageSource()).doesNotContain(credential);

      browser.find("new-connection").click();
      browser.find("connection:name").sendKeys(name);
      browser.find("connection:baseUrl").sendKeys("http://example.com");
      browser.find("connection:save").click();
      browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
      browser.screenshot("connection-invalid");
      assertThat(fieldError("secret")).isEqualTo("is required for credential kind BEARER");
      assertThat(fieldError("baseUrl")).contains("https");

      browser.find("connection:baseUrl").clear();
      browser.find("connection:baseUrl").sendKeys(domain.value("GATEHOUSE_DEMO_AGENT_URL"));
      browser.find("connection:secret").sendKeys(credential);
      browser
          .find("connection:trustedCaPem")
          .sendKeys(TestDomain.read(Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CA"))));
      browser.find("connection:allowedGroups").sendKeys("demo-users");
      browser.find("connection:save").click();
      browser.waitFor(ExpectedConditions.urlContains("name=" + name));
      assertThat(browser.find("connection:secret").getAttribute("value")).isEmpty();
      assertThat(browser.driver().getPageSource()).doesNotContain(credential);

      browser.find("test:healthPath").sendKeys("/v1/models");
      browser.find("test:run-test").click();
      browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("probe-outcome")));
      browser.screenshot("connection-tested");
      assertThat(browser.text("#probe-outcome")).isEqualTo("Handshake succeeded");
      assertThat(browser.text("#probe-protocol")).startsWith("TLSv1.");
      assertThat(browser.text("#probe-result")).contains("Gatehouse Demo Agent CA");
      assertThat(browser.driver().getPageSource()).doesNotContain(credential);

      browser.open("/admin/events.xhtml");
      browser.screenshot("admin-events");
      assertThat(browser.text("#events")).contains(name).contains("ada");
      assertThat(browser.driver().getPageSource()).doesNotContain(credential);
    } finally {
      AdminApi.admin(domain).delete("/api/v1/connections/" + name);
    }
  }

  @Test
  @Order(5)
  void anAuditorFiltersTheTrailAndReadsAMaskedTranscript() throws Exception {
    String subject = "audited-" + UUID.randomUUID().toString().substring(0, 8);
    // Planted: ZzSecretsHygieneIT checks that it reached no log, record or API answer unmasked.
    String awsKey =
        TestSecrets.use(
            "AKIA"
                + UUID.randomUUID()
                    .toString()
                    .replace("-", "")
                    .substring(0, 16)
                    .toUpperCase(Locale.ROOT));
    HttpResponse<String> sent =
        send(chat(domain.token(subject, "demo-users"), "demo", "my key " + awsKey, null));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    String auditId = sent.headers().firstValue("gatehouse-audit-id").orElseThrow();
    domain.completedAuditRecord(auditId);

    browser.signIn("carol");
    assertThat(browser.present("#nav-approvals")).isFalse();
    browser.open("/index.xhtml");
    browser.screenshot("overview");
    assertThat(browser.text("#traffic")).contains("demo");

    browser.open("/audit/search.xhtml");
    browser.find("filters:caller").sendKeys(subject);
    browser.find("filters:search").click();
    browser.waitFor(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#records tbody tr"), 1));
    browser.screenshot("audit-filtered");
    assertThat(browser.find("export").getAttribute("href")).contains("caller=" + subject);

    HttpResponse<String> export =
        send(
            domain
                .request(
                    browser
                        .find("export")
                        .getAttribute("href")
                        .replaceFirst("^https://localhost:\\d+", ""))
                .header(
                    "Cookie",
                    browser.cookies().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("; ")))
                .build());
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body().strip().split("\n")).hasSize(1);
    assertThat(export.body()).contains(auditId).doesNotContain(awsKey);

    browser.driver().findElement(By.cssSelector("#records a.record-link")).click();
    browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("request-transcript")));
    browser.screenshot("audit-record");
    ((JavascriptExecutor) browser.driver())
        .executeScript("document.getElementById('request-transcript').scrollIntoView();");
    browser.screenshot("audit-record-transcripts");
    assertThat(browser.text("#record-caller")).isEqualTo(subject);
    assertThat(browser.text("#inbound-tls")).startsWith("TLSv1.");
    assertThat(browser.text("#upstream-tls")).startsWith("TLSv1.");
    assertThat(browser.text("#chain-status")).isEqualTo("Intact");
    assertThat(browser.text("#request-transcript"))
        .contains("[AWS_ACCESS_KEY]")
        .contains("authorization: [REDACTED]")
        .doesNotContain(awsKey);
    assertThat(browser.text("#response-transcript")).doesNotContain(awsKey);
    assertThat(browser.driver().getPageSource()).doesNotContain(awsKey);
  }

  @Test
  @Order(6)
  void anAuditorIsRefusedAnAdminPageOpenedByItsUrl() {
    browser.signIn("carol");
    browser.open("/connections/edit.xhtml");
    browser.screenshot("auditor-refused-admin-page");
    assertThat(browser.text("#refused-page")).contains("does not include this page");
    assertThat(browser.present("#connection")).isFalse();

    browser.open("/policies/list.xhtml");
    browser.screenshot("policies");
    browser.find("test:body").sendKeys("{\"prompt\":\"mail me at bob@example.com\"}");
    browser.find("test:run").click();
    assertThat(browser.text("#masked-body")).contains("[EMAIL]").doesNotContain("bob@example");
    browser.screenshot("policies-tested");
  }

  @Test
  @Order(7)
  void aReviewerGrantsACallerAConnectionAndRevokesTheGrant() throws Exception {
    String subject = "granted-" + UUID.randomUUID().toString().substring(0, 8);
    String caller = domain.token(subject, "demo-users");
    HttpResponse<String> before = send(chat(caller, TestConnections.APPROVAL, "before", null));
    assertThat(before.statusCode()).as(before.body()).isEqualTo(202);

    browser.signIn("rita");
    browser.find("nav-grants").click();
    browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("new-grant")));
    browser.screenshot("grants");

    // Faces validation: nothing is granted without a caller and within the longest window.
    browser.find("new-grant:durationMinutes").clear();
    browser.find("new-grant:durationMinutes").sendKeys("100000");
    browser.find("new-grant:create").click();
    browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
    browser.screenshot("grants-invalid");
    assertThat(browser.text("#new-grant")).contains("Name the caller.").contains("from 1 to 480");

    browser.find("new-grant:subject").sendKeys(subject);
    new Select(browser.find("new-grant:connection")).selectByValue(TestConnections.APPROVAL);
    browser.find("new-grant:durationMinutes").clear();
    browser.find("new-grant:durationMinutes").sendKeys("30");
    browser.find("new-grant:reason").sendKeys("incident 8");
    browser.find("new-grant:create").click();
    browser.waitFor(ExpectedConditions.textToBe(By.id("grant-state"), "ACTIVE"));
    browser.screenshot("grant-created");
    assertThat(browser.text("#grant-subject")).isEqualTo(subject);
    assertThat(browser.text("#active")).contains(subject).contains(TestConnections.APPROVAL);

    HttpResponse<String> released = send(chat(caller, TestConnections.APPROVAL, "granted", null));
    assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
    String record =
        domain.completedAuditRecord(
            released.headers().firstValue("gatehouse-audit-id").orElseThrow());
    assertThat(Json.field(record, "decision")).isEqualTo("RELEASED");
    String grantId = Json.field(record, "reason").substring("grant:".length());

    // The link a grant notification carries opens the same grant.
    browser.open("/grants/" + grantId);
    browser.waitFor(ExpectedConditions.urlContains("grants.xhtml?id=" + grantId));
    assertThat(browser.text("#grant-uses")).isEqualTo("1");

    browser.find("revoke:revoke-button").click();
    browser.waitFor(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#revoke .field-error")));
    assertThat(browser.text("#revoke")).contains("Give a reason for revoking.");
    assertThat(browser.text("#grant-state")).isEqualTo("ACTIVE");

    browser.find("revoke:revoke-reason").sendKeys("incident closed");
    browser.find("revoke:revoke-button").click();
    browser.waitFor(ExpectedConditions.textToBe(By.id("grant-state"), "REVOKED"));
    browser.screenshot("grant-revoked");
    assertThat(browser.text("#grant-revoke-reason")).isEqualTo("incident closed");
    assertThat(browser.text("#ended")).contains(subject);

    HttpResponse<String> after = send(chat(caller, TestConnections.APPROVAL, "after", null));
    assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
  }

  @Test
  @Order(8)
  void theApprovalPageANotificationLinksToShowsTheMaskedRequestAndApprovesIt() throws Exception {
    String alice = domain.token("alice", "demo-users");
    String marker = "Detail page " + UUID.randomUUID();
    String email = "alice.detail@example.com";
    HttpResponse<String> held =
        send(chat(alice, TestConnections.APPROVAL, marker + " mail " + email, null));
    assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
    String id = Json.field(held.body(), "approvalId");

    browser.signIn("rita");
    browser.open("/approvals/inbox.xhtml");
    browser
        .waitFor(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("a[data-approval-page='" + id + "']")))
        .click();
    browser.waitFor(ExpectedConditions.urlContains("approval.xhtml?id=" + id));
    browser.open("/approvals/" + id);
    browser.waitFor(ExpectedConditions.urlContains("approval.xhtml?id=" + id));
    browser.screenshot("approval-detail");
    assertThat(browser.text("#approval-state")).isEqualTo("PENDING");
    assertThat(browser.text("#approval-requester")).isEqualTo("alice");
    assertThat(browser.text("#approval-request"))
        .contains(marker)
        .contains("[EMAIL]")
        .doesNotContain(email);
    assertThat(browser.driver().getPageSource()).doesNotContain(email);
    assertThat(browser.text("#no-votes")).isNotEmpty();

    browser.find("decide:approve").click();
    browser.waitFor(ExpectedConditions.textToBe(By.id("approval-state"), "APPROVED"));
    browser.screenshot("approval-approved");
    assertThat(browser.text("#votes")).contains("rita").contains("APPROVE");
    assertThat(browser.present("#decide")).isFalse();

    HttpResponse<String> released =
        send(chat(alice, TestConnections.APPROVAL, marker + " mail " + email, id));
    assertThat(released.statusCode()).as(released.body()).isEqualTo(200);

    browser.open("/approvals/" + UUID.randomUUID());
    assertThat(browser.text("#no-approval")).isNotEmpty();
  }

  @Test
  @Order(9)
  void anAdminSetsApprovalSettingsAndRateLimitsInTheEditorAndTheyTakeEffect() throws Exception {
    String name = "console-gated-" + UUID.randomUUID().toString().substring(0, 8);
    AdminApi admin = AdminApi.admin(domain);
    String alice = domain.token("alice", "demo-users");
    try {
      HttpResponse<String> created =
          admin.post(
              "/api/v1/connections",
              "{\"name\":\""
                  + name
                  + "\",\"baseUrl\":"
                  + AdminApi.str(domain.value("GATEHOUSE_DEMO_AGENT_URL"))
                  + ",\"credentialKind\":\"BEARER\",\"secret\":"
                  + AdminApi.str(domain.demoAgentCredential())
                  + ",\"trustedCaPem\":"
                  + AdminApi.str(TestDomain.read(Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CA"))))
                  + ",\"allowedGroups\":[\"demo-users\"]}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      HttpResponse<String> open = send(chat(alice, name, "not gated yet", null));
      assertThat(open.statusCode()).as(open.body()).isEqualTo(200);

      browser.signIn("ada");
      browser.open("/connections/edit.xhtml?name=" + name);
      browser.find("connection:approvalRequired").click();
      browser.find("connection:approvalsRequired").sendKeys("0");
      browser.find("connection:save").click();
      browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
      assertThat(fieldError("approvalsRequired")).contains("1");

      browser.find("connection:approvalsRequired").clear();
      browser.find("connection:approvalsRequired").sendKeys("2");
      browser.find("connection:approvalPendingTtlSeconds").sendKeys("300");
      browser.find("connection:reviewerGroups").sendKeys("gatehouse-reviewer, night-shift");
      browser.find("connection:rateLimitCallerRequests").sendKeys("1000");
      ((JavascriptExecutor) browser.driver())
          .executeScript("document.getElementById('approval-settings').scrollIntoView();");
      browser.screenshot("connection-approval-settings");
      browser.find("connection:save").click();
      browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".msg-info")));
      assertThat(browser.find("connection:approvalRequired").isSelected()).isTrue();
      assertThat(browser.find("connection:approvalsRequired").getAttribute("value")).isEqualTo("2");

      String shown = admin.get("/api/v1/connections/" + name).body();
      assertThat(Json.object(shown, "approval"))
          .contains("\"required\":true")
          .contains("\"approvalsRequired\":2")
          .contains("\"pendingTtlSeconds\":300")
          .contains("\"reviewerGroups\":[\"gatehouse-reviewer\",\"night-shift\"]");
      assertThat(Json.object(shown, "rateLimits")).contains("\"callerRequests\":1000");

      HttpResponse<String> held = send(chat(alice, name, "gated now", null));
      assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
      // Read as a reviewer of the connection's groups: outside them (the admin ada) it is hidden.
      String approval =
          new AdminApi(domain, "nico", "gatehouse-reviewer", "night-shift")
              .get("/api/v1/approvals/" + Json.field(held.body(), "approvalId"))
              .body();
      assertThat(Json.number(approval, "approvalsRequired")).isEqualTo(2);
    } finally {
      admin.delete("/api/v1/connections/" + name);
    }
  }

  @Test
  @Order(10)
  void aConnectionsToolInventoryShowsAnOfferedToolWithItsFingerprintAndAChangedDefinition()
      throws Exception {
    String tool = "console_tool_" + UUID.randomUUID().toString().substring(0, 8);
    String caller = domain.token("tool-offerer-" + tool.substring(13), "demo-users");
    String longDescription =
        "Looks up one record by its id and returns every field of it, "
            + "including the fields that were added after the first version, "
            + "and the history of each of them.";
    HttpResponse<String> first = send(offeringTool(caller, tool, "Looks up one record."));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    String firstFingerprint = apiFingerprint(tool);
    HttpResponse<String> redefined = send(offeringTool(caller, tool, longDescription));
    assertThat(redefined.statusCode()).as(redefined.body()).isEqualTo(200);
    String fingerprint = apiFingerprint(tool);
    assertThat(fingerprint).matches("[0-9a-f]{64}").isNotEqualTo(firstFingerprint);

    browser.signIn("ada");
    browser.open("/connections/list.xhtml");
    browser.driver().findElement(By.cssSelector("a[data-connection-tools='demo']")).click();
    browser.waitFor(ExpectedConditions.urlContains("tools.xhtml?name=demo"));
    browser.screenshot("connection-tools");
    WebElement row = toolRow(tool);
    WebElement shown = row.findElement(By.cssSelector("code.fingerprint"));
    assertThat(shown.getAttribute("title")).isEqualTo(fingerprint);
    assertThat(shown.getText()).isEqualTo(fingerprint.substring(0, 12));
    assertThat(row.findElement(By.cssSelector(".definition-changed")).getText())
        .isEqualTo("definition changed");
    assertThat(row.findElement(By.cssSelector("code.previous-fingerprint")).getAttribute("title"))
        .isEqualTo(firstFingerprint);
    assertThat(row.getText()).contains("not stated");
    WebElement summary = row.findElement(By.cssSelector("details.tool-description summary"));
    assertThat(summary.getText()).endsWith("…").isNotEqualTo(longDescription);
    summary.click();
    assertThat(row.findElement(By.cssSelector("details.tool-description .full-text")).getText())
        .isEqualTo(longDescription);
    browser.screenshot("connection-tools-description");

    browser.open("/connections/edit.xhtml?name=demo");
    browser.find("connection-tools").click();
    browser.waitFor(ExpectedConditions.urlContains("tools.xhtml?name=demo"));
    assertThat(browser.text("#tools-connection")).isEqualTo("demo");

    // Reviewers read the inventory as in the admin API, though not the rest of the registry.
    browser.signIn("rita");
    browser.open("/connections/tools.xhtml?name=demo");
    assertThat(browser.present("#refused-page")).isFalse();
    assertThat(toolRow(tool).findElement(By.cssSelector("code.fingerprint")).getAttribute("title"))
        .isEqualTo(fingerprint);
    browser.open("/connections/edit.xhtml?name=demo");
    assertThat(browser.text("#refused-page")).contains("does not include this page");

    browser.open("/connections/tools.xhtml?name=no-such-" + tool.substring(13));
    assertThat(browser.text("#no-connection")).isNotEmpty();

    String fresh = "console-tools-" + tool.substring(13);
    AdminApi admin = AdminApi.admin(domain);
    try {
      HttpResponse<String> created =
          admin.post(
              "/api/v1/connections",
              "{\"name\":\""
                  + fresh
                  + "\",\"baseUrl\":"
                  + AdminApi.str(domain.value("GATEHOUSE_DEMO_AGENT_URL"))
                  + ",\"credentialKind\":\"BEARER\",\"secret\":"
                  + AdminApi.str(domain.demoAgentCredential())
                  + ",\"trustedCaPem\":"
                  + AdminApi.str(TestDomain.read(Path.of(domain.value("GATEHOUSE_DEMO_AGENT_CA"))))
                  + "}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      browser.open("/connections/tools.xhtml?name=" + fresh);
      browser.screenshot("connection-tools-none");
      assertThat(browser.text("#no-tools")).contains("No tool has been seen");
    } finally {
      admin.delete("/api/v1/connections/" + fresh);
    }
  }

  @Test
  @Order(11)
  void anAdminWritesAToolRuleInTheEditorAndTheToolTestBoxJudgesCallsByIt() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String ruleName = "console-tool-rule-" + suffix;
    String prefix = "console_purge_" + suffix + "_";
    AdminApi admin = AdminApi.admin(domain);
    try {
      browser.signIn("ada");
      browser.open("/policies/edit.xhtml");
      browser.find("rule:name").sendKeys(ruleName);
      browser.find("rule:pattern").sendKeys("anything");
      // ALLOW is offered only with the "Tool call" target; sent with another, the service says no.
      assertThat(allowOptionDisplay()).isEqualTo("none");
      ((JavascriptExecutor) browser.driver())
          .executeScript("document.getElementById('rule:action').value = 'ALLOW';");
      browser.find("rule:save").click();
      assertThat(browser.text(".msg-error")).contains("Only a TOOL rule can ALLOW");
      browser.screenshot("policy-allow-refused");

      new Select(browser.find("rule:target")).selectByValue("TOOL");
      assertThat(allowOptionDisplay()).isNotEqualTo("none");
      browser.find("rule:pattern").clear();
      browser.find("rule:connection").sendKeys("demo");
      browser.find("rule:selector").sendKeys(prefix + "*");
      browser.find("rule:callerGroups").sendKeys("demo-users");
      new Select(browser.find("rule:action")).selectByValue("REQUIRE_APPROVAL");
      browser.find("rule:message").sendKeys("Purges wait for a reviewer.");
      browser.screenshot("policy-tool-rule");
      browser.find("rule:save").click();
      browser.waitFor(ExpectedConditions.urlContains("/policies/list.xhtml"));
      WebElement row =
          browser.waitFor(
              ExpectedConditions.visibilityOfElementLocated(
                  By.xpath("//table[@id='rules']//tr[.//a[text()='" + ruleName + "']]")));
      assertThat(row.getText())
          .contains("Tool call")
          .contains(prefix + "*")
          .contains("callers in demo-users")
          .contains("every call")
          .contains("REQUIRE_APPROVAL");

      // The REST test judges the same calls: the held one, and one of another tool.
      HttpResponse<String> rest =
          new AdminApi(domain, "carol", "gatehouse-auditor")
              .post(
                  "/api/v1/policies/test",
                  "{\"connection\":\"demo\",\"toolCall\":{\"tool\":\""
                      + prefix
                      + "files\",\"arguments\":{\"path\":\"/srv/x\"},"
                      + "\"callerGroups\":[\"demo-users\"]}}");
      assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
      JsonNode held = JSON.readTree(rest.body()).path("toolVerdict");
      assertThat(held.path("effect").asString()).isEqualTo("APPROVE");
      assertThat(held.path("decidingRule").path("ruleName").asString()).isEqualTo(ruleName);
      assertThat(held.path("visible").asBoolean()).isTrue();
      String demoDefault = held.path("toolDefault").asString();

      toolTest(prefix + "files", "{\"path\": \"/srv/x\"}", "demo-users");
      browser.screenshot("policies-tool-test");
      assertThat(browser.text("#tool-effect")).isEqualTo("APPROVE");
      assertThat(browser.text("#tool-decided-by")).contains(ruleName);
      assertThat(browser.text("#tool-visible")).isEqualTo("yes");
      assertThat(browser.text("#tool-matches")).contains(ruleName).contains("REQUIRE_APPROVAL");
      assertThat(browser.text("#tool-digest")).isEqualTo(held.path("argumentsSha256").asString());

      // A caller outside the rule's groups, and another tool: the connection's default decides.
      String byDefault = demoDefault.equals("deny") ? "DENY" : "ALLOW";
      toolTest(prefix + "files", "{\"path\": \"/srv/x\"}", "ops");
      assertThat(browser.text("#tool-effect")).isEqualTo(byDefault);
      assertThat(browser.text("#tool-decided-by")).contains("default (" + demoDefault + ")");
      toolTest("console_search_" + suffix, "{}", "demo-users");
      assertThat(browser.text("#tool-effect")).isEqualTo(byDefault);
      assertThat(browser.text("#tool-no-matches")).isNotEmpty();
    } finally {
      for (JsonNode rule : JSON.readTree(admin.get("/api/v1/policies").body())) {
        if (rule.path("name").asString().equals(ruleName)) {
          admin.delete("/api/v1/policies/" + rule.path("id").asString());
        }
      }
    }
  }

  /** How the policy editor's stylesheet shows its ALLOW action now. */
  private static String allowOptionDisplay() {
    return (String)
        ((JavascriptExecutor) browser.driver())
            .executeScript(
                "return getComputedStyle(document.getElementById('rule:action')"
                    + ".querySelector('option[value=ALLOW]')).display;");
  }

  /** Runs the policies page's tool-call test box and waits for the page it answers with. */
  private static void toolTest(String tool, String arguments, String callerGroups) {
    if (!browser.driver().getCurrentUrl().contains("/policies/list.xhtml")) {
      browser.open("/policies/list.xhtml");
    }
    java.util.List<WebElement> before = browser.driver().findElements(By.id("tool-result"));
    browser.find("tool-test:tool-connection").clear();
    browser.find("tool-test:tool-connection").sendKeys("demo");
    browser.find("tool-test:tool").clear();
    browser.find("tool-test:tool").sendKeys(tool);
    browser.find("tool-test:arguments").clear();
    browser.find("tool-test:arguments").sendKeys(arguments);
    browser.find("tool-test:callerGroups").clear();
    browser.find("tool-test:callerGroups").sendKeys(callerGroups);
    browser.find("tool-test:run-tool").click();
    if (!before.isEmpty()) {
      browser.waitFor(ExpectedConditions.stalenessOf(before.get(0)));
    }
    browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("tool-result")));
  }

  /** A chat request through the demo connection that offers the model one tool. */
  private HttpRequest offeringTool(String token, String tool, String description) {
    return domain
        .request("/gw/demo" + CHAT)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"demo-react-1\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
                    + AdminApi.str(tool)
                    + ",\"description\":"
                    + AdminApi.str(description)
                    + ",\"parameters\":{\"type\":\"object\"}}}]}"))
        .build();
  }

  /** The tool's fingerprint on the demo connection as the admin API reports it to an auditor. */
  private String apiFingerprint(String tool) throws Exception {
    HttpResponse<String> inventory =
        new AdminApi(domain, "carol", "gatehouse-auditor").get("/api/v1/connections/demo/tools");
    assertThat(inventory.statusCode()).as(inventory.body()).isEqualTo(200);
    for (JsonNode entry : JSON.readTree(inventory.body())) {
      if (entry.path("name").asString().equals(tool)) {
        return entry.path("fingerprint").asString();
      }
    }
    throw new AssertionError(tool + " is not in the inventory: " + inventory.body());
  }

  /** The row of a tool in the inventory table. */
  private static WebElement toolRow(String tool) {
    return browser.waitFor(
        ExpectedConditions.visibilityOfElementLocated(
            By.xpath("//table[@id='tools']//tr[.//code[@data-tool='" + tool + "']]")));
  }
}
