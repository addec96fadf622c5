package dev.gatehouse.api.approval;

import dev.gatehouse.api.problem.Problem;
import dev.gatehouse.api.security.OperatorSecurityContext;
import dev.gatehouse.api.security.RequiresRole;
import dev.gatehouse.approval.Approval;
import dev.gatehouse.approval.ApprovalService;
import dev.gatehouse.approval.ApprovalState;
import dev.gatehouse.approval.HeldRequest;
import dev.gatehouse.connection.FieldError;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.TranscriptMasker;
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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/v1/approvals}: the reviewers' queue. Every decision records the reviewer's subject;
 * nobody decides on their own request ({@code self_approval}); a denial needs a reason; an approval
 * that needs several reviewers needs that many distinct ones; a connection's reviewer groups, when
 * set, limit who may decide — and who may list and read its approvals: one outside them finds none
 * listed and {@code 404 unknown_approval} for each (as for an id that does not exist), by the same
 * rule as deciding ({@link ApprovalService#mayReview}). The held request is only ever shown masked.
 */
@Path("api/v1/approvals")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole({OperatorRole.REVIEWER, OperatorRole.ADMIN})
public class ApprovalResource {

  private static final int MAX_LIMIT = 500;

  @Inject ApprovalService approvals;

  @Inject TranscriptMasker masker;

  @Context ContainerRequestContext request;

  @GET
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("connection") String connection,
      @QueryParam("requester") String requester,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    ApprovalState state;
    try {
      state = status == null ? null : ApprovalState.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Problem.invalid(
          "invalid_status",
          "Unknown approval status.",
          List.of(new FieldError("status", "is not a approval status")));
    }
    List<ApprovalView> views =
        approvals
            .listFor(
                reviewer(), state, connection, requester, Math.max(1, Math.min(limit, MAX_LIMIT)))
            .stream()
            .map(ApprovalView::of)
            .toList();
    return Response.ok(views).build();
  }

  @GET
  @Path("{id}")
  public Response one(@PathParam("id") String id) {
    Approval approval = approvals.findFor(id, reviewer());
    if (approval == null) {
      return unknown();
    }
    HeldRequest held = approvals.heldRequest(approval);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    held.headers()
        .forEach((name, values) -> headers.put(name, values.stream().map(masker::mask).toList()));
    return Response.ok(
            new HeldRequestView(
                ApprovalView.of(approval),
                held.method(),
                held.path(),
                held.query() == null ? null : masker.mask(held.query()),
                headers,
                masker.mask(new String(held.body(), StandardCharsets.UTF_8))))
        .build();
  }

  @GET
  @Path("{id}/votes")
  public Response votes(@PathParam("id") String id) {
    if (approvals.findFor(id, reviewer()) == null) {
      return unknown();
    }
    return Response.ok(approvals.votes(id).stream().map(VoteView::of).toList()).build();
  }

  @POST
  @Path("{id}/approve")
  public ApprovalView approve(@PathParam("id") String id) {
    return ApprovalView.of(approvals.approve(id, reviewer()));
  }

  @POST
  @Path("{id}/deny")
  @Consumes(MediaType.APPLICATION_JSON)
  public ApprovalView deny(@PathParam("id") String id, DenialRequest denial) {
    return ApprovalView.of(
        approvals.deny(id, reviewer(), denial == null ? null : denial.getReason()));
  }

  @POST
  @Path("{id}/revoke")
  public ApprovalView revoke(@PathParam("id") String id) {
    return ApprovalView.of(approvals.revoke(id, reviewer()));
  }

  private CallerIdentity reviewer() {
    return OperatorSecurityContext.callerOf(request);
  }

  static Response unknown() {
    return Problem.response(404, "unknown_approval", "No approval has that id.", null);
  }
}
