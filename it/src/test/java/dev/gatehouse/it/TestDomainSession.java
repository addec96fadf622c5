package dev.gatehouse.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Publishes the test domain's admin coordinates as system properties before any test class starts,
 * because Arquillian reads {@code arquillian.xml} (which refers to them) at the first one; and
 * starts the issuer's JWKS endpoint the domain fetches its verification keys from.
 */
public class TestDomainSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("gatehouse.home") == null) {
      return;
    }
    TestDomain domain = TestDomain.get();
    System.setProperty("gatehouse.admin.port", String.valueOf(domain.adminPort()));
    System.setProperty("gatehouse.admin.user", domain.adminUser());
    System.setProperty("gatehouse.admin.password", domain.adminPassword());
    System.setProperty("gatehouse.admin.https", String.valueOf(domain.adminHttps()));
    TestJwks.start(domain, Integer.getInteger("gatehouse.it.jwks.port"));
  }
}
