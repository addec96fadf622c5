package dev.gatehouse.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * The archive every IT deploys: the real {@code gatehouse.ear} built by the ear module, with the
 * test connections declared first so that the application imports them when it starts.
 */
public final class GatewayDeployment {

  private GatewayDeployment() {}

  public static EnterpriseArchive ear() {
    TestConnections.declare(TestDomain.get());
    File ear = new File(System.getProperty("gatehouse.ear"));
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
  }
}
