package dev.gatehouse.api.http;

import dev.gatehouse.api.problem.ServletProblem;
import dev.gatehouse.audit.AuditService;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies {@link RequestFraming} to every request before any servlet or resource runs. A refused
 * request is answered with its problem document and {@code Connection: close}, and so is every
 * chunked one, so that bytes the container may have taken for a following request on the same
 * connection are never served.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestFramingFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private final transient ClosingConnections closing = new ClosingConnections();

  @Inject transient AuditService audit;

  @Inject
  @ConfigProperty(name = "gatehouse.http.max-header-bytes", defaultValue = "16384")
  transient int maxHeaderBytes;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    String query = request.getQueryString();
    int requestLine =
        request.getMethod().length()
            + 1
            + request.getRequestURI().length()
            + (query == null ? 0 : query.length() + 1)
            + 1
            + String.valueOf(request.getProtocol()).length();
    String connection =
        request.getRemoteAddr()
            + ":"
            + request.getRemotePort()
            + ":"
            + request.getAttribute("jakarta.servlet.request.ssl_session_id");
    var refusal =
        closing.isClosing(connection)
            ? java.util.Optional.of(
                new RequestFraming.Refusal(
                    400,
                    "pipelined_after_close",
                    "A request arrived behind one after which the connection had to close."))
            : RequestFraming.judge(requestLine, headers, maxHeaderBytes);
    if (refusal.isEmpty()) {
      if (RequestFraming.closesConnection(headers)) {
        closing.markClosing(connection);
        response.setHeader("Connection", "close");
      }
      CallerConnectionAbort.attach(request);
      chain.doFilter(request, response);
      return;
    }
    closing.markClosing(connection);
    ServletProblem.send(
        audit,
        request,
        response,
        request.getRequestURI(),
        refusal.get().status(),
        refusal.get().reason(),
        refusal.get().detail(),
        true);
  }
}
