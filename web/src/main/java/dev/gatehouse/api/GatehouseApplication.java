package dev.gatehouse.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The JAX-RS application at the root of the web module: {@code /gw/…} and {@code /api/v1/…}.
 *
 * <p>A CDI bean because Payara only honours {@link LoginConfig} on an application class that is
 * one. Jersey's outbound content-length buffer is turned off so that relayed bodies — server-sent
 * events above all — reach the caller as the backend produces them.
 */
@ApplicationPath("")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "gatehouse")
@DeclareRoles({"gatehouse-admin", "gatehouse-reviewer", "gatehouse-auditor"})
public class GatehouseApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.contentLength.buffer", 0);
  }
}
