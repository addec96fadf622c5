package dev.gatehouse.api.problem;

import dev.gatehouse.audit.AuditService;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Locale;

/**
 * The error page for what the container refuses before Gatehouse's own code runs — a path it will
 * not normalise ({@code /gw/demo/../x}), a malformed request, an unexpected failure outside JAX-RS:
 * answers with a problem document instead of the server's HTML report (which names the server and
 * its version), and records the refusal in the audit trail.
 */
@WebServlet(urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

  static final String PATH = "/_gatehouse/error";

  private static final long serialVersionUID = 1L;

  @Inject transient AuditService audit;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i && i >= 400 ? i : 500;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri == null) {
      // Called directly rather than as an error page: nothing to report.
      status = 404;
    }
    Response.StatusType type = Response.Status.fromStatusCode(status);
    String phrase = type == null ? "Error" : type.getReasonPhrase();
    String reason = phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    ServletProblem.send(
        audit,
        request,
        response,
        String.valueOf(uri == null ? request.getRequestURI() : uri),
        status,
        reason,
        phrase,
        false);
  }
}
