package dev.gatehouse.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The archive every IT deploys: the real {@code gatehouse.ear} built by the ear module, with the
 * test connections declared first so that the application imports them when it starts.
 */
public final class GatewayDeployment {

  private static final String EJB_MODULE = "gatehouse-ejb.jar";
  private static final String CONFIG = "META-INF/microprofile-config.properties";

  private GatewayDeployment() {}

  public static EnterpriseArchive ear() {
    TestConnections.declare(TestDomain.get());
    File ear = new File(System.getProperty("gatehouse.ear"));
    return fingerprinted(ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear), Map.of());
  }

  /**
   * The archive with extra configuration for this deployment only: the keys are appended to the EJB
   * module's {@code microprofile-config.properties} (the file the application's config reads), so
   * the next IT class's deployment is back to the defaults (a redeployment: see {@link
   * SharedDeployment}).
   */
  public static EnterpriseArchive ear(Map<String, String> config) {
    EnterpriseArchive ear = ear();
    JavaArchive ejb = ear.getAsType(JavaArchive.class, EJB_MODULE);
    StringBuilder properties = new StringBuilder();
    Node existing = ejb.get(CONFIG);
    if (existing != null) {
      try (InputStream in = existing.getAsset().openStream()) {
        properties.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    properties.append("\n# Added by the integration test deployment\n");
    config.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
    ejb.delete(CONFIG);
    ejb.add(new StringAsset(properties.toString()), CONFIG);
    ear.delete(EJB_MODULE);
    ear.addAsModule(ejb);
    return fingerprinted(ear, config);
  }

  /**
   * Names the archive's configuration, so that {@link SharedDeployment} keeps one deployment for
   * every class that asks for the same.
   */
  private static EnterpriseArchive fingerprinted(
      EnterpriseArchive ear, Map<String, String> config) {
    StringBuilder fingerprint = new StringBuilder("gatehouse.ear\n");
    new TreeMap<>(config)
        .forEach((key, value) -> fingerprint.append(key).append('=').append(value).append('\n'));
    ear.delete(SharedDeployment.FINGERPRINT);
    ear.add(new StringAsset(fingerprint.toString()), SharedDeployment.FINGERPRINT);
    return ear;
  }
}
