package dev.gatehouse.console.approvals;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the links that approval and grant notifications carry ({@code gatehouse.approval
 * .console-base-url} + {@code /approvals/{id}} or {@code /grants/{id}}) with a redirect to the page
 * that shows that approval or grant. Only an id made of letters, digits and hyphens is redirected,
 * so the answer can never point elsewhere; anything else goes on as usual (the pages under {@code
 * /approvals/}, or a 404). The role checks of {@code web.xml} apply to both the link and the page.
 */
@WebFilter(urlPatterns = {"/approvals/*", "/grants/*"})
public class NotificationLinkFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final Pattern LINK = Pattern.compile("/(approvals|grants)/([A-Za-z0-9-]{1,64})/?");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Optional<String> page = "GET".equals(request.getMethod()) ? pageOf(path) : Optional.empty();
    if (page.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    response.sendRedirect(request.getContextPath() + page.get());
  }

  /**
   * The page (below the context root) a notification link leads to, or empty when {@code path} is
   * not such a link.
   */
  static Optional<String> pageOf(String path) {
    Matcher link = LINK.matcher(path);
    if (!link.matches()) {
      return Optional.empty();
    }
    String page = link.group(1).equals("approvals") ? "approval.xhtml" : "grants.xhtml";
    return Optional.of("/approvals/" + page + "?id=" + link.group(2));
  }
}
