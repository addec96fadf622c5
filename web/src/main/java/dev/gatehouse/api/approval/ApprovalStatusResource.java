package dev.gatehouse.api.approval;

import dev.gatehouse.approval.Approval;
import dev.gatehouse.approval.ApprovalService;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.identity.AccessCheckedInterceptor;
import dev.gatehouse.identity.OperatorRole;
import dev.gatehouse.identity.OperatorRoles;
import dev.gatehouse.identity.TokenRejected;
import dev.gatehouse.identity.TokenVerifier;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * {@code /api/v1/approvals/{id}/status}: where a held request's caller follows it. Any verified
 * token may ask, but only about its own approvals — reviewers and admins about those they may
 * review ({@link ApprovalService#mayReview}: the connection's reviewer groups); everyone else gets
 * 404, so approval ids of other callers cannot be confirmed. Not {@code @RequiresRole}: the
 * requester typically holds no operator role.
 */
@Path("api/v1/approvals/{id}/status")
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalStatusResource {

  @Inject ApprovalService approvals;

  @Inject TokenVerifier verifier;

  @Inject OperatorRoles roles;

  @GET
  public Response status(
      @PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
    CallerIdentity caller;
    try {
      caller = verifier.verifyAuthorization(authorization);
    } catch (TokenRejected rejected) {
      throw AccessCheckedInterceptor.unauthorized(rejected.reason(), rejected.getMessage());
    }
    Approval approval = approvals.find(id);
    Set<OperatorRole> held = roles.rolesOf(caller);
    boolean mayRead =
        approval != null
            && (approval.getRequesterSubject().equals(caller.subject())
                || ((held.contains(OperatorRole.REVIEWER) || held.contains(OperatorRole.ADMIN))
                    && approvals.mayReview(approval.getConnectionName(), caller)));
    if (!mayRead) {
      return ApprovalResource.unknown();
    }
    return Response.ok(ApprovalView.of(approval)).build();
  }
}
