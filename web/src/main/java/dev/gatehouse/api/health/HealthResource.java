package dev.gatehouse.api.health;

import dev.gatehouse.platform.Jsonp;
import dev.gatehouse.platform.SchemaMigration;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/health}: 200 once the application is deployed and its schema migrated. Says
 * nothing else about the deployment, since anyone may call it.
 */
@Path("api/v1/health")
public class HealthResource {

  @Inject SchemaMigration schema;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    boolean up = schema.schemaVersion() != null;
    return Response.status(up ? 200 : 503)
        .entity(
            Jsonp.PROVIDER
                .createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .build()
                .toString())
        .build();
  }
}
