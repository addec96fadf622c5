package dev.gatehouse.console.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The password form of demo mode (and, without any login configured, the mechanism that sends
 * everyone to the login page, which then says how to configure one). Credentials come from {@code
 * login.xhtml} through {@code SecurityContext.authenticate}; the session then carries the login
 * ({@code @AutoApplySession}).
 */
@ApplicationScoped
@AutoApplySession
public class FormLoginMechanism implements HttpAuthenticationMechanism {

  static final String LOGIN_PAGE = "/login.xhtml";

  @Inject IdentityStoreHandler identityStores;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential =
        context.getAuthParameters() == null ? null : context.getAuthParameters().getCredential();
    if (credential != null) {
      CredentialValidationResult result = identityStores.validate(credential);
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        // A new session id at login: an id planted in the browser beforehand (session fixation)
        // must not become an authenticated session.
        if (request.getSession(false) != null) {
          request.changeSessionId();
        }
        return context.notifyContainerAboutLogin(result);
      }
      return AuthenticationStatus.SEND_FAILURE;
    }
    if (context.isProtected() && request.getUserPrincipal() == null) {
      return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }
    return context.doNothing();
  }
}
