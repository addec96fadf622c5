package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's OpenID Connect login, in a real browser against an identity provider over the
 * authorization-code flow ({@link TestOidcProvider}): the deployment is configured with the
 * provider (and so offers no demo form), an operator signs in at the provider and lands in the
 * console with the role their groups give, a user without a gateway group is refused, and neither
 * an ID token signed with a key the provider does not publish nor a forged callback signs anyone
 * in.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleOidcIT {

  private static final String CLIENT_ID = "gatehouse-console";

  private static TestOidcProvider provider;
  private static ConsoleBrowser browser;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (browser != null) {
            browser.screenshot("FAILED-oidc-" + context.getRequiredTestMethod().getName());
          }
        }
      };

  /** Starts the provider first: the deployment's configuration names it. */
  @Deployment(testable = false)
  static EnterpriseArchive deployment() throws Exception {
    TestDomain domain = TestDomain.get();
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String clientSecret = TestSecrets.use("oidc-" + HexFormat.of().formatHex(secret));
    provider =
        new TestOidcProvider(
            CLIENT_ID,
            clientSecret,
            "https://localhost:" + domain.httpsPort() + "/console/callback",
            Map.of(
                "olivia", List.of("gatehouse-reviewer", "staff"),
                "adam", List.of("gatehouse-admin"),
                "nils", List.of("engineering")));
    return GatewayDeployment.ear(
        Map.of(
            "gatehouse.console.oidc.provider-uri", provider.issuer(),
            "gatehouse.console.oidc.client-id", CLIENT_ID,
            "gatehouse.console.oidc.client-secret", clientSecret));
  }

  @BeforeAll
  static void startBrowser() {
    browser = new ConsoleBrowser(TestDomain.get());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (provider != null) {
      provider.close();
    }
  }

  /** Every case starts without a console session. */
  @BeforeEach
  void signedOut() {
    browser.open("/");
    browser.driver().manage().deleteAllCookies();
  }

  /** Opens the console, is sent to the provider, signs in there as {@code user}. */
  private void signInAtTheProvider(String user) {
    browser.open("/index.xhtml");
    browser.waitFor(ExpectedConditions.urlContains("/op/authorize"));
    browser.find("username").sendKeys(user);
    browser.find("signin").click();
  }

  private void backInTheConsole() {
    browser.waitFor(ExpectedConditions.urlContains("/console/"));
  }

  @Test
  void aReviewerSignsInAtTheProviderAndGetsTheReviewerConsole() {
    browser.open("/index.xhtml");
    browser.waitFor(ExpectedConditions.urlContains("/op/authorize"));
    browser.screenshot("oidc-provider-sign-in");
    assertThat(browser.driver().getCurrentUrl())
        .startsWith(provider.issuer())
        .contains("client_id=" + CLIENT_ID)
        .contains("state=");

    browser.find("username").sendKeys("olivia");
    browser.find("signin").click();
    backInTheConsole();
    browser.screenshot("oidc-signed-in-reviewer");

    assertThat(browser.text("#operator-name")).isEqualTo("olivia");
    assertThat(browser.present("#nav-approvals")).isTrue();
    assertThat(browser.present("#nav-connections")).isFalse();
    browser.open("/approvals/inbox.xhtml");
    assertThat(browser.present("#refused-page")).isFalse();
    browser.open("/connections/list.xhtml");
    assertThat(browser.text("#refused-page")).contains("does not include this page");
  }

  @Test
  void anAdminsGroupsFromTheProviderGiveTheWholeConsole() {
    signInAtTheProvider("adam");
    backInTheConsole();
    assertThat(browser.text("#operator-name")).isEqualTo("adam");
    assertThat(browser.present("#nav-connections")).isTrue();
    assertThat(browser.present("#nav-audit")).isTrue();
  }

  @Test
  void aUserWithoutAGatewayGroupIsRefused() {
    signInAtTheProvider("nils");
    backInTheConsole();
    browser.screenshot("oidc-refused-no-role");
    assertThat(browser.text("#refused-no-role")).contains("none of your groups");
    assertThat(browser.present("nav")).isFalse();
  }

  @Test
  void anIdTokenSignedWithAKeyTheProviderDoesNotPublishSignsNobodyIn() {
    int issued = provider.tokensIssued();
    provider.signNextTokenWithAnUnpublishedKey();
    signInAtTheProvider("adam");
    browser.waitFor(
        d -> provider.tokensIssued() > issued || d.getCurrentUrl().contains("/console/"));
    browser.screenshot("oidc-forged-id-token");

    assertThat(provider.tokensIssued())
        .as("the forged token was handed over")
        .isGreaterThan(issued);
    assertThat(browser.present("#operator-name")).isFalse();
    assertThat(browser.present("#nav-connections")).isFalse();
  }

  @Test
  void theGatewayAndTheAdminApiStillServeBearerTokensWhenTheConsoleUsesTheProvider()
      throws Exception {
    TestDomain domain = TestDomain.get();
    var proxied =
        domain
            .client()
            .send(
                domain
                    .request("/gw/demo/v1/models")
                    .header("Authorization", "Bearer " + domain.token("oidc-caller", "demo-users"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(proxied.statusCode()).as(proxied.body()).isEqualTo(200);
    var admin =
        domain
            .client()
            .send(
                domain
                    .request("/api/v1/connections")
                    .header(
                        "Authorization", "Bearer " + domain.token("oidc-admin", "gatehouse-admin"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
  }

  @Test
  void aForgedCallbackSignsNobodyIn() {
    browser.open("/callback?code=made-up&state=forged");
    browser.screenshot("oidc-forged-callback");
    assertThat(browser.present("#operator-name")).isFalse();
    assertThat(browser.present("#nav-approvals")).isFalse();
  }
}
