package dev.gatehouse.api.approval;

import dev.gatehouse.api.problem.Problem;
import dev.gatehouse.api.security.RequiresRole;
import dev.gatehouse.approval.webhook.NotificationState;
import dev.gatehouse.approval.webhook.WebhookOutbox;
import dev.gatehouse.connection.FieldError;
import dev.gatehouse.identity.OperatorRole;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/v1/approvals/notifications}: the webhook outbox with each notification's delivery
 * state, attempts and last failure, so that an operator sees a receiver that keeps failing.
 */
@Path("api/v1/approvals/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole({OperatorRole.REVIEWER, OperatorRole.ADMIN, OperatorRole.AUDITOR})
public class NotificationResource {

  private static final int MAX_LIMIT = 500;

  @Inject WebhookOutbox outbox;

  @GET
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("about") String about,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    NotificationState state;
    try {
      state = status == null ? null : NotificationState.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Problem.invalid(
          "invalid_status",
          "Unknown notification status.",
          List.of(new FieldError("status", "is not a notification status")));
    }
    return Response.ok(
            outbox.list(state, about, Math.max(1, Math.min(limit, MAX_LIMIT))).stream()
                .map(NotificationView::of)
                .toList())
        .build();
  }
}
