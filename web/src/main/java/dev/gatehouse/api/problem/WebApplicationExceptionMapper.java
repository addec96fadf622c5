package dev.gatehouse.api.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Renders JAX-RS's own refusals (no such resource, method not allowed, unsupported media type,
 * forbidden) as problem documents, so that clients meet one error format everywhere.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    int status = original.getStatus();
    String phrase = original.getStatusInfo().getReasonPhrase();
    String reason =
        phrase == null
            ? "http_" + status
            : phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return Problem.response(status, reason, phrase, null);
  }
}
