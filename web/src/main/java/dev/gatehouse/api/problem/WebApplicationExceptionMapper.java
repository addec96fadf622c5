package dev.gatehouse.api.problem;

import dev.gatehouse.audit.AuditService;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.TlsFacts;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders JAX-RS's own refusals (no such resource, method not allowed, unsupported media type,
 * malformed input) as problem documents, so that clients meet one error format everywhere, and
 * records each in the audit trail like every other refusal.
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
    return Problem.response(status, reason, phrase, status >= 400 ? record(status, reason) : null);
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
