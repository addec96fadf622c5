package dev.gatehouse.api.admin;

import dev.gatehouse.admin.AdminEvent;
import dev.gatehouse.admin.AdminEventRepository;
import dev.gatehouse.api.security.RequiresRole;
import dev.gatehouse.identity.OperatorRole;
import dev.gatehouse.platform.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;

/**
 * {@code /api/v1/admin-events}: who changed what and when, newest first, with the before and after
 * views (secrets redacted when the event was written), for admins and auditors.
 */
@Path("api/v1/admin-events")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole({OperatorRole.ADMIN, OperatorRole.AUDITOR})
public class AdminEventResource {

  private static final int MAX_LIMIT = 500;

  @Inject AdminEventRepository events;

  @GET
  public JsonArray recent(@QueryParam("limit") @DefaultValue("50") int limit) {
    JsonArrayBuilder out = Jsonp.PROVIDER.createArrayBuilder();
    for (AdminEvent e : events.recent(Math.max(1, Math.min(limit, MAX_LIMIT)))) {
      JsonObjectBuilder o =
          Jsonp.PROVIDER
              .createObjectBuilder()
              .add("id", e.getId())
              .add("occurredAt", e.getOccurredAt().toString())
              .add("actor", e.getActor())
              .add("action", e.getAction())
              .add("targetKind", e.getTargetKind())
              .add("before", parse(e.getBeforeJson()))
              .add("after", parse(e.getAfterJson()));
      if (e.getTargetName() != null) {
        o.add("targetName", e.getTargetName());
      }
      out.add(o);
    }
    return out.build();
  }

  private static JsonValue parse(String json) {
    if (json == null) {
      return JsonValue.NULL;
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }
}
