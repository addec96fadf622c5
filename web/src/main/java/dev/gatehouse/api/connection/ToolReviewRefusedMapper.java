package dev.gatehouse.api.connection;

import dev.gatehouse.agent.ToolReviewRefused;
import dev.gatehouse.api.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders a refused tool acceptance as a problem document. */
@Provider
public class ToolReviewRefusedMapper implements ExceptionMapper<ToolReviewRefused> {

  @Override
  public Response toResponse(ToolReviewRefused refused) {
    return Problem.response(refused.status(), refused.reason(), refused.getMessage(), null);
  }
}
