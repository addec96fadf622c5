package dev.gatehouse.api.security;

import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.identity.OperatorRole;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;

/** The authenticated operator, as JAX-RS resources see them. */
public record OperatorSecurityContext(CallerIdentity caller, Set<OperatorRole> roles)
    implements SecurityContext {

  public OperatorSecurityContext {
    roles = Set.copyOf(roles);
  }

  /**
   * The operator of a request that passed {@link OperatorAuthentication} (resources get the request
   * context injected; their injected {@code SecurityContext} is a proxy that hides this record).
   */
  public static CallerIdentity callerOf(ContainerRequestContext request) {
    return ((OperatorSecurityContext) request.getSecurityContext()).caller();
  }

  @Override
  public Principal getUserPrincipal() {
    return caller::subject;
  }

  @Override
  public boolean isUserInRole(String role) {
    return roles.stream().anyMatch(r -> r.roleName().equals(role));
  }

  @Override
  public boolean isSecure() {
    return true;
  }

  @Override
  public String getAuthenticationScheme() {
    return "Bearer";
  }
}
