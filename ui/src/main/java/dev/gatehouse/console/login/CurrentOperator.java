package dev.gatehouse.console.login;

import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.identity.OperatorRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is signed in and which of the console's roles they hold: drives the navigation (the pages
 * themselves are guarded by {@code web.xml}) and names the operator in decisions and admin events.
 */
@Named
@RequestScoped
public class CurrentOperator {

  private static final Logger LOG = Logger.getLogger(CurrentOperator.class.getName());

  @Inject SecurityContext security;

  /** Present only with the demo login: {@link LoginSelection} vetoes it otherwise. */
  @Inject Instance<DemoUserStore> demoUsers;

  @Inject Instance<OpenIdContext> openId;

  @Inject OidcSettings oidc;

  public String getName() {
    Principal p = security.getCallerPrincipal();
    return p == null ? null : p.getName();
  }

  /**
   * The operator as the approval service sees a reviewer: name and the provider's raw groups (the
   * container only knows the mapped roles), so per-connection reviewer groups apply in the console
   * exactly as in the admin API.
   */
  public CallerIdentity identity() {
    return new CallerIdentity(getName(), groups(), null);
  }

  private List<String> groups() {
    if (ConsoleLogin.configured() == ConsoleLogin.DEMO && demoUsers.isResolvable()) {
      return demoUsers.get().groupsOf(getName());
    }
    try {
      return openId
          .get()
          .getIdentityToken()
          .getJwtClaims()
          .getArrayStringClaim(oidc.getGroupsClaim());
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "No groups claim in the console session", e);
      return List.of();
    }
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
