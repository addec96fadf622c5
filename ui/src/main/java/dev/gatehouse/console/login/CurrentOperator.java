package dev.gatehouse.console.login;

import dev.gatehouse.identity.OperatorRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;

/**
 * Who is signed in and which of the console's roles they hold: drives the navigation (the pages
 * themselves are guarded by {@code web.xml}) and names the operator in decisions and admin events.
 */
@Named
@RequestScoped
public class CurrentOperator {

  @Inject SecurityContext security;

  public String getName() {
    Principal p = security.getCallerPrincipal();
    return p == null ? null : p.getName();
  }

  public boolean isSignedIn() {
    return security.getCallerPrincipal() != null;
  }

  public boolean isAdmin() {
    return has(OperatorRole.ADMIN);
  }

  public boolean isReviewer() {
    return has(OperatorRole.REVIEWER) || isAdmin();
  }

  public boolean isAuditor() {
    return has(OperatorRole.AUDITOR) || isAdmin();
  }

  public boolean isOperator() {
    return isAdmin() || has(OperatorRole.REVIEWER) || has(OperatorRole.AUDITOR);
  }

  private boolean has(OperatorRole role) {
    return security.isCallerInRole(role.roleName());
  }

  /** Ends the session; the login page follows. */
  public void signOut() throws IOException, jakarta.servlet.ServletException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    ((HttpServletRequest) external.getRequest()).logout();
    external.invalidateSession();
    external.redirect(external.getRequestContextPath() + FormLoginMechanism.LOGIN_PAGE);
  }
}
