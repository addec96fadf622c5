package dev.gatehouse.api.connection;

import dev.gatehouse.api.problem.Problem;
import dev.gatehouse.connection.ConnectionChangeRefused;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Renders a refused registry change as a problem document; invalid requests list every invalid
 * field in an {@code errors} array of {@code {field, message}}.
 */
@Provider
public class ConnectionChangeRefusedMapper implements ExceptionMapper<ConnectionChangeRefused> {

  @Override
  public Response toResponse(ConnectionChangeRefused refused) {
    return Problem.response(
        refused.status(),
        refused.reason(),
        refused.getMessage(),
        null,
        Map.of(),
        body -> {
          if (!refused.errors().isEmpty()) {
            body.add("errors", Problem.json(refused.errors()));
          }
        });
  }
}
