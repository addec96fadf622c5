package dev.gatehouse.api.problem;

import dev.gatehouse.audit.AuditService;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.TlsFacts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a request refused below JAX-RS (by the container or a servlet filter) with a problem
 * document, after recording the refusal in the audit trail; the caller is not yet known there, so
 * the record names what the connection shows (address, user agent, TLS).
 */
public final class ServletProblem {

  private static final Logger LOG = Logger.getLogger(ServletProblem.class.getName());

  private ServletProblem() {}

  /**
   * Records and sends the refusal; {@code path} is the request path to record. With {@code
   * closeConnection} the answer carries {@code Connection: close}, and the container closes the
   * connection after it.
   */
  public static void send(
      AuditService audit,
      HttpServletRequest request,
      HttpServletResponse response,
      String path,
      int status,
      String reason,
      String detail,
      boolean closeConnection)
      throws IOException {
    String auditId = null;
    try {
      auditId =
          audit.recordAdminRefusal(
              String.valueOf(request.getMethod()),
              path,
              request.getRemoteAddr(),
              request.getHeader("User-Agent"),
              TlsFacts.fromInboundCipherSuite(
                  (String) request.getAttribute("jakarta.servlet.request.cipher_suite")),
              CallerIdentity.ANONYMOUS,
              status,
              reason);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record a container-level refusal", e);
    }
    Response problem = Problem.response(status, reason, detail, auditId);
    response.reset();
    response.setStatus(status);
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    if (closeConnection) {
      response.setHeader("Connection", "close");
    }
    response.getWriter().write((String) problem.getEntity());
  }
}
