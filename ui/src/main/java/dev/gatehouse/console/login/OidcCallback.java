package dev.gatehouse.console.login;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The OpenID Connect redirect URI. The security runtime has handled the provider's answer before
 * this runs (signing the operator in, or not); what is left is to send the browser on to the
 * overview, which shows the operator's pages or their refusal, under a new session id. The query
 * (code and state) is dropped from the address bar on the way.
 */
@WebServlet("/callback")
public class OidcCallback extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    // A new session id once signed in: one planted before the login (session fixation) must not
    // become an authenticated session.
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    response.sendRedirect(request.getContextPath() + "/index.xhtml");
  }
}
