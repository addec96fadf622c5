package dev.gatehouse.api.approval;

import dev.gatehouse.api.problem.Problem;
import dev.gatehouse.api.security.OperatorSecurityContext;
import dev.gatehouse.api.security.RequiresRole;
import dev.gatehouse.approval.ApprovalGrant;
import dev.gatehouse.approval.GrantService;
import dev.gatehouse.approval.GrantState;
import dev.gatehouse.connection.FieldError;
import dev.gatehouse.identity.OperatorRole;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/v1/approvals/grants}: time-boxed grants. A reviewer lets one caller use one
 * connection for a window without per-request approval; any reviewer may revoke it early. The
 * reviewer rules of approvals apply (no self-grant, the connection's reviewer groups).
 */
@Path("api/v1/approvals/grants")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole({OperatorRole.REVIEWER, OperatorRole.ADMIN})
public class GrantResource {

  private static final int MAX_LIMIT = 500;

  @Inject GrantService grants;

  @Context ContainerRequestContext request;

  @GET
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("connection") String connection,
      @QueryParam("subject") String subject,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    GrantState state;
    try {
      state = status == null ? null : GrantState.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Problem.invalid(
          "invalid_status",
          "Unknown grant status.",
          List.of(new FieldError("status", "is not a grant status")));
    }
    return Response.ok(
            grants
                .list(state, connection, subject, Math.max(1, Math.min(limit, MAX_LIMIT)))
                .stream()
                .map(GrantView::of)
                .toList())
        .build();
  }

  @GET
  @Path("{id}")
  public Response one(@PathParam("id") String id) {
    ApprovalGrant grant = grants.find(id);
    return grant == null ? unknown() : Response.ok(GrantView.of(grant)).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(GrantRequest body) {
    if (body == null) {
      return Problem.invalid(
          "invalid_grant",
          "A JSON body is required.",
          List.of(new FieldError("", "a JSON object is required")));
    }
    Duration window =
        body.getDurationSeconds() != null
            ? Duration.ofSeconds(body.getDurationSeconds())
            : body.getDurationMinutes() != null
                ? Duration.ofMinutes(body.getDurationMinutes())
                : null;
    ApprovalGrant grant =
        grants.create(
            body.getSubject(),
            body.getConnection(),
            window,
            body.getReason(),
            OperatorSecurityContext.callerOf(request));
    return Response.created(URI.create("/api/v1/approvals/grants/" + grant.getId()))
        .entity(GrantView.of(grant))
        .build();
  }

  @POST
  @Path("{id}/revoke")
  public GrantView revoke(@PathParam("id") String id, @QueryParam("reason") String reason) {
    return GrantView.of(grants.revoke(id, reason, OperatorSecurityContext.callerOf(request)));
  }

  static Response unknown() {
    return Problem.response(404, "unknown_grant", "No grant has that id.", null);
  }
}
