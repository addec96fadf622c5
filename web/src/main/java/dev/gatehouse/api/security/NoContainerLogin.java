package dev.gatehouse.api.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
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
 *
 * <p>An alternative with a priority, because the console's OpenID Connect mechanism is a bean that
 * the security runtime adds to the whole application, so it is visible here too: without the
 * priority the bridge finds two mechanisms and fails every request to the gateway and the admin API
 * (found by {@code ConsoleOidcIT}); the console module does not see this class.
 */
@Alternative
@Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class NoContainerLogin implements HttpAuthenticationMechanism {

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    return context.doNothing();
  }
}
