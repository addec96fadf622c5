package dev.gatehouse.api.problem;

import dev.gatehouse.connection.FieldError;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds problem-document responses. The {@code type} is a URN naming the reason, so clients can
 * switch on either; the detail never carries secrets or payloads.
 */
public final class Problem {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** The reason of a 412: the {@code If-Match} names a state the resource is no longer in. */
  public static final String STALE_VERSION = "stale_version";

  private Problem() {}

  public static Response response(int status, String reason, String detail, String auditId) {
    return response(status, reason, detail, auditId, Map.of());
  }

  public static Response response(
      int status, String reason, String detail, String auditId, Map<String, String> headers) {
    return response(status, reason, detail, auditId, headers, body -> {});
  }

  /**
   * The admin API's one answer to an invalid request: 400 with the {@code reason} and every invalid
   * field in {@code errors: [{"field", "message"}]} ({@code ""} names the body as a whole).
   */
  public static Response invalid(String reason, String detail, List<FieldError> errors) {
    return response(400, reason, detail, null, Map.of(), body -> body.add("errors", json(errors)));
  }

  /** The {@code errors} member of a problem document. */
  public static JsonArrayBuilder json(List<FieldError> errors) {
    JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
    for (FieldError e : errors) {
      array.add(
          Jsonp.PROVIDER.createObjectBuilder().add("field", e.field()).add("message", e.message()));
    }
    return array;
  }

  /** A problem document with extension members added by {@code extensions}. */
  public static Response response(
      int status,
      String reason,
      String detail,
      String auditId,
      Map<String, String> headers,
      Consumer<JsonObjectBuilder> extensions) {
    Response.StatusType statusType = Response.Status.fromStatusCode(status);
    JsonObjectBuilder body =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("type", "urn:gatehouse:problem:" + reason)
            .add("title", statusType == null ? "HTTP " + status : statusType.getReasonPhrase())
            .add("status", status)
            .add("detail", detail == null ? "" : detail)
            .add("reason", reason);
    if (auditId != null) {
      body.add("auditId", auditId);
    }
    extensions.accept(body);
    Response.ResponseBuilder builder =
        Response.status(status).type(MEDIA_TYPE).entity(body.build().toString());
    headers.forEach(builder::header);
    return builder.build();
  }
}
