package dev.gatehouse.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Node;

/**
 * Deploys the EAR once for every run of IT classes that ask for the same archive, instead of once
 * per class: Arquillian's deployment of a class is skipped while an identical one is deployed, and
 * its undeployment at the end of the class is skipped too. A class asking for another configuration
 * ({@link GatewayDeployment#ear(java.util.Map)}) replaces what is deployed.
 *
 * <p>Why: each redeployment cost 10–20 s, and each was a chance for Payara's redeploy bugs. Seen
 * here: once a server has undeployed the application it loaded at its start (after a restart),
 * every later deployment of it can fail in the first singleton's resource injection ("Can not set
 * javax.sql.DataSource field SchemaMigration.dataSource to SchemaMigration": Payara's injection
 * manager is handed the old deployment's descriptors, with the old classes' cached fields) — under
 * any application name, until the server restarts. It took a whole half of the suite down now and
 * then. So a failed deployment restarts the domain and is tried once more. The last deployment
 * stays when the suite ends; {@code gatehouse down} stops the domain, and the first deployment of
 * the next run undeploys it.
 */
public class SharedDeployment {

  private static final Logger LOG = Logger.getLogger(SharedDeployment.class.getName());

  /** What identifies a deployment's configuration; {@link GatewayDeployment} writes it. */
  static final String FINGERPRINT = "META-INF/gatehouse-it-deployment.properties";

  private static Archive<?> deployed;
  private static DeployableContainer<?> deployedTo;
  private static String deployedFingerprint;
  private static boolean firstDeployment = true;

  public void deploy(@Observes EventContext<DeployDeployment> context) throws Exception {
    DeployDeployment event = context.getEvent();
    Deployment deployment = event.getDeployment();
    Archive<?> archive = deployment.getDescription().getArchive();
    String fingerprint = fingerprint(archive);
    if (fingerprint == null) {
      context.proceed(); // not the gateway (AuditTamperIT's intruder): Arquillian's own way
      return;
    }
    if (fingerprint.equals(deployedFingerprint)) {
      LOG.info("the same archive is deployed already: keeping it for this class");
      deployment.deployed();
      return;
    }
    DeployableContainer<?> container = event.getDeployableContainer();
    if (deployed != null) {
      LOG.info("another configuration: undeploying the deployed archive first");
      container.undeploy(deployed);
    } else if (firstDeployment) {
      undeployLeftOvers();
    }
    firstDeployment = false;
    deployed = null;
    deployedTo = null;
    deployedFingerprint = null;
    try {
      container.deploy(archive);
    } catch (Exception failed) {
      LOG.log(
          Level.WARNING,
          "deployment failed: restarting the domain and deploying once more (a server that has"
              + " undeployed an application it loaded at its start can keep failing"
              + " deployments of it: see the class comment)",
          failed);
      new TestAsadmin(TestDomain.get()).restartDomain();
      undeployLeftOvers();
      try {
        container.deploy(archive);
      } catch (Exception again) {
        deployment.deployedWithError(again);
        throw again;
      }
    }
    deployment.deployed();
    deployed = archive;
    deployedTo = container;
    deployedFingerprint = fingerprint;
  }

  /**
   * Undeploys the kept deployment now, for a class that deploys the EAR its own way ({@link
   * BenchSmokeIT} runs {@code bench/run}): a deployment over the kept one would be a redeployment.
   * The next class deploys afresh.
   */
  static void undeployNow() throws Exception {
    if (deployed != null) {
      LOG.info("undeploying the kept deployment for a class that deploys its own");
      deployedTo.undeploy(deployed);
    }
    deployed = null;
    deployedTo = null;
    deployedFingerprint = null;
  }

  public void undeploy(@Observes EventContext<UnDeployDeployment> context) {
    Deployment deployment = context.getEvent().getDeployment();
    if (deployedFingerprint != null
        && deployedFingerprint.equals(fingerprint(deployment.getDescription().getArchive()))) {
      deployment.undeployed(); // stays deployed for the next class
      return;
    }
    context.proceed();
  }

  /**
   * Undeploys the gateway an earlier run left on this domain (a suite ends with its last deployment
   * in place) or a failed deployment left registered.
   */
  private static void undeployLeftOvers() {
    TestAsadmin asadmin = new TestAsadmin(TestDomain.get());
    for (String application : asadmin.applications()) {
      if (application.equals("gatehouse")) {
        LOG.info("undeploying the gateway an earlier run or deployment left");
        asadmin.undeploy(application);
      }
    }
  }

  /** The gateway archive's configuration; null for any other archive. */
  private static String fingerprint(Archive<?> archive) {
    Node node = archive.get(FINGERPRINT);
    if (node == null || node.getAsset() == null) {
      return null;
    }
    try (InputStream in = node.getAsset().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
