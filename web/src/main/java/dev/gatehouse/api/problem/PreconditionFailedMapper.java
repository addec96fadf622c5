package dev.gatehouse.api.problem;

import dev.gatehouse.api.http.PreconditionFailed;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders a failed {@code If-Match} as 412 {@code stale_version}. */
@Provider
public class PreconditionFailedMapper implements ExceptionMapper<PreconditionFailed> {

  @Override
  public Response toResponse(PreconditionFailed failed) {
    return Problem.response(412, Problem.STALE_VERSION, failed.getMessage(), null);
  }
}
