package dev.gatehouse.api.wellknown;

import dev.gatehouse.api.http.RequestOrigin;
import dev.gatehouse.api.problem.Problem;
import dev.gatehouse.identity.ProtectedResourceMetadata;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /.well-known/oauth-protected-resource/gw/{connection}{path…}}: the RFC 9728 metadata
 * of a gateway resource, the address every 401 of the gateway names in {@code resource_metadata}
 * and the one an MCP client probes without it.
 *
 * <p>Public, as it must be (a client reads it before it has a token), and unaudited like health:
 * the answer is the same for every well-formed connection name, existing or not, so it tells an
 * anonymous caller nothing it did not send. The path is taken raw from the servlet request, as the
 * proxy takes it, so that the {@code resource} named is exactly the URL the client called.
 */
@Path(".well-known/oauth-protected-resource{path: (/.*)?}")
public class ProtectedResourceMetadataResource {

  /** Long enough to spare a client's repeated discovery, short enough to follow a change. */
  private static final int MAX_AGE_SECONDS = 300;

  @Inject ProtectedResourceMetadata metadata;

  @Context HttpServletRequest request;

  @GET
  public Response metadata() {
    String target = request.getRequestURI().substring(request.getContextPath().length());
    return metadata
        .resourceOfMetadataAt(RequestOrigin.of(request), target)
        .map(
            resource -> {
              CacheControl cache = new CacheControl();
              cache.setMaxAge(MAX_AGE_SECONDS);
              return Response.ok(metadata.document(resource), MediaType.APPLICATION_JSON_TYPE)
                  .cacheControl(cache)
                  .build();
            })
        .orElseGet(
            () ->
                Problem.response(
                    404,
                    "no_resource_metadata",
                    "Protected resource metadata exists for /gw/{connection}/... only.",
                    null));
  }
}
