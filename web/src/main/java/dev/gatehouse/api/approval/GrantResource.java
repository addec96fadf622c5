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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/approvals/grants}: time-boxed grants. A reviewer lets one caller use one
 * connection for a window without per-request approval; any reviewer may revoke it early. The
 * reviewer rules of approvals apply (no self-grant, the connection's reviewer groups).
 */
@Path("api/v1/approvals/grants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "approvals",
    description = "Just-in-time approval: held requests, grants, notifications")
@RequiresRole({OperatorRole.REVIEWER, OperatorRole.ADMIN})
public class GrantResource {

  private static final int MAX_LIMIT = 500;

  @Inject GrantService grants;

  @Context ContainerRequestContext request;

  @GET
  @Operation(
      summary = "Grants, newest first; filters status, connection, subject (reviewer, admin)")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Grant")))
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
  @Operation(summary = "One grant")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Grant")))
  @APIResponse(responseCode = "404", description = "unknown_grant")
  public Response one(@PathParam("id") String id) {
    ApprovalGrant grant = grants.find(id);
    return grant == null ? unknown() : Response.ok(GrantView.of(grant)).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Grants a caller a connection for a window, without per-request approval")
  @RequestBody(
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "GrantRequest")))
  @APIResponse(
      responseCode = "201",
      description = "OK",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Grant")))
  @APIResponse(responseCode = "400", description = "invalid_grant")
  @APIResponse(responseCode = "403", description = "self_approval, reviewer_not_allowed")
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
  @Operation(summary = "Ends a grant now; optional ?reason=")
  @APIResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Grant")))
  @APIResponse(responseCode = "409", description = "grant_not_active")
  public GrantView revoke(@PathParam("id") String id, @QueryParam("reason") String reason) {
    return GrantView.of(grants.revoke(id, reason, OperatorSecurityContext.callerOf(request)));
  }

  static Response unknown() {
    return Problem.response(404, "unknown_grant", "No grant has that id.", null);
  }
}
