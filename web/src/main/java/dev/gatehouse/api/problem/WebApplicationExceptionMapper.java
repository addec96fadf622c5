package dev.gatehouse.api.problem;

import dev.gatehouse.audit.AuditService;
import dev.gatehouse.connection.FieldError;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.TlsFacts;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders JAX-RS's own refusals (no such resource, method not allowed, unsupported media type,
 * malformed input) as problem documents, so that clients meet one error format everywhere, and
 * records each in the audit trail like every other refusal. A 400 carries {@code errors}, as every
 * invalid request does.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

  @Inject AuditService audit;

  @Context HttpServletRequest request;

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    int status = original.getStatus();
    String phrase = original.getStatusInfo().getReasonPhrase();
    String reason =
        phrase == null
            ? "http_" + status
            : phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    String auditId = status >= 400 ? record(status, reason) : null;
    if (status == 400) {
      // A body the container could not bind, or a parameter it could not convert: an invalid
      // request like any other, in the same shape, though it cannot name the field.
      return Problem.response(
          status,
          reason,
          phrase,
          auditId,
          Map.of(),
          body ->
              body.add(
                  "errors",
                  Problem.json(
                      List.of(
                          new FieldError(
                              "", "The request could not be read (JSON or a parameter).")))));
    }
    return Problem.response(status, reason, phrase, auditId);
  }

  private String record(int status, String reason) {
    try {
      return audit.recordAdminRefusal(
          request.getMethod(),
          request.getRequestURI(),
          request.getRemoteAddr(),
          request.getHeader("User-Agent"),
          TlsFacts.fromInboundCipherSuite(
              (String) request.getAttribute("jakarta.servlet.request.cipher_suite")),
          CallerIdentity.ANONYMOUS,
          status,
          reason);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record a refusal of the JAX-RS layer", e);
      return null;
    }
  }
}
