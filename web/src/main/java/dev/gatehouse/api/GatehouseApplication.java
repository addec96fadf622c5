package dev.gatehouse.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The JAX-RS application at the root of the web module: {@code /gw/…}, {@code /api/v1/…} and the
 * protected resource metadata at {@code /.well-known/oauth-protected-resource/gw/…}.
 *
 * <p>Authentication is Gatehouse's own (see {@code dev.gatehouse.api.security} and the identity
 * wing), not the container's, so that every rejected token is audited and answered with a problem
 * document. Jersey's outbound content-length buffer is turned off so that relayed bodies —
 * server-sent events above all — reach the caller as the backend produces them.
 */
@ApplicationPath("")
public class GatehouseApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.contentLength.buffer", 0);
  }
}
