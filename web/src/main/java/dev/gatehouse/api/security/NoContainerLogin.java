package dev.gatehouse.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tells the container that this module authenticates nobody itself: bearer tokens are verified by
 * Gatehouse inside the audited chain ({@link OperatorAuthentication}, {@code @AccessChecked}).
 *
 * <p>Needed because the console module of the same EAR declares a Jakarta Security mechanism, and
 * the security runtime (Soteria) then installs its bridge in every web module of the application;
 * without a mechanism of its own here, the bridge would find none and fail every request.
 */
@ApplicationScoped
public class NoContainerLogin implements HttpAuthenticationMechanism {

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    return context.doNothing();
  }
}
