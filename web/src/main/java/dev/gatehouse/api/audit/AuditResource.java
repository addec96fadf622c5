package dev.gatehouse.api.audit;

import dev.gatehouse.api.problem.Problem;
import dev.gatehouse.api.security.RequiresRole;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditService;
import dev.gatehouse.identity.OperatorRole;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/v1/audit}: the audit trail, newest first, for auditors and admins. */
@Path("api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole({OperatorRole.AUDITOR, OperatorRole.ADMIN})
public class AuditResource {

  private static final int MAX_LIMIT = 500;

  @Inject AuditService audit;

  @GET
  public List<AuditRecordView> recent(@QueryParam("limit") @DefaultValue("50") int limit) {
    return audit.recent(Math.max(1, Math.min(limit, MAX_LIMIT))).stream()
        .map(AuditRecordView::of)
        .toList();
  }

  @GET
  @Path("{id}")
  public Response one(@PathParam("id") String id) {
    AuditRecord record = audit.find(id);
    if (record == null) {
      return Problem.response(404, "unknown_audit_record", "No audit record has that id.", null);
    }
    return Response.ok(AuditRecordView.of(record)).build();
  }
}
