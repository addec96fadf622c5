package dev.gatehouse.api.security;

import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.identity.OperatorRole;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;

/** The authenticated operator, as JAX-RS resources see them. */
public record OperatorSecurityContext(CallerIdentity caller, Set<OperatorRole> roles)
    implements SecurityContext {

  public OperatorSecurityContext {
    roles = Set.copyOf(roles);
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
