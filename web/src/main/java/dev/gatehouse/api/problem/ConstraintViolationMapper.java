package dev.gatehouse.api.problem;

import dev.gatehouse.connection.FieldError;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders a Bean Validation failure of a request (a {@code @Valid} parameter) in the admin API's
 * one shape for invalid requests ({@link Problem#invalid}), rather than the container's default. A
 * violation of a return value is the gateway's fault, not the caller's: 500, as the container would
 * answer.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  private static final Logger LOG = Logger.getLogger(ConstraintViolationMapper.class.getName());

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    boolean ofAnswer =
        exception.getConstraintViolations().stream()
            .anyMatch(v -> kinds(v.getPropertyPath()).contains(ElementKind.RETURN_VALUE));
    if (ofAnswer) {
      LOG.log(Level.SEVERE, "An answer of the admin API violates its constraints", exception);
      return Problem.response(500, "internal_error", "The gateway failed.", null);
    }
    List<FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(v -> new FieldError(field(v.getPropertyPath()), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    return Problem.invalid("invalid_request", "The request has invalid fields.", errors);
  }

  /**
   * The JSON property path of a violation, {@code items[2].name}: the method and parameter nodes
   * that Bean Validation puts in front name Java, not the request.
   */
  static String field(Path path) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : path) {
      if (node.getKind() != ElementKind.PROPERTY
          && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
        continue;
      }
      if (node.isInIterable() && field.length() > 0) {
        Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
        if (at != null) {
          field.append('[').append(at).append(']');
        }
      }
      if (node.getName() != null && !node.getName().startsWith("<")) {
        field.append(field.length() == 0 ? "" : ".").append(node.getName());
      }
    }
    return field.toString();
  }

  private static List<ElementKind> kinds(Path path) {
    java.util.ArrayList<ElementKind> kinds = new java.util.ArrayList<>();
    path.forEach(node -> kinds.add(node.getKind()));
    return kinds;
  }
}
