package dev.gatehouse.it;

import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link SharedDeployment} with Arquillian (META-INF/services). */
public class SharedDeploymentExtension implements LoadableExtension {

  @Override
  public void register(ExtensionBuilder builder) {
    builder.observer(SharedDeployment.class);
  }
}
