package dev.gatehouse.api.security;

import dev.gatehouse.api.problem.Problem;
import dev.gatehouse.audit.AuditService;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.TlsFacts;
import dev.gatehouse.identity.AccessCheckedInterceptor;
import dev.gatehouse.identity.OperatorRole;
import dev.gatehouse.identity.OperatorRoles;
import dev.gatehouse.identity.TokenRejected;
import dev.gatehouse.identity.TokenVerifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Guards every resource marked {@link RequiresRole}. Guarantees: the request carries a bearer token
 * the identity wing verifies (else 401 with the RFC 6750 challenge), the token's groups grant one
 * of the required roles (else 403 {@code role_required}), and every refusal leaves an audit record
 * naming what is known of the caller. Resources without the annotation (the proxy, which checks
 * access inside its audited chain, and health) pass untouched.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class OperatorAuthentication implements ContainerRequestFilter {

  @Context ResourceInfo resource;

  @Context HttpServletRequest request;

  @Inject TokenVerifier verifier;

  @Inject OperatorRoles operatorRoles;

  @Inject AuditService audit;

  @Override
  public void filter(ContainerRequestContext context) {
    RequiresRole required = required();
    if (required == null) {
      return;
    }
    CallerIdentity caller;
    try {
      caller = verifier.verifyAuthorization(context.getHeaderString("Authorization"));
    } catch (TokenRejected rejected) {
      GatewayRefusal refusal =
          AccessCheckedInterceptor.unauthorized(rejected.reason(), rejected.getMessage());
      refuse(context, refusal, rejected.knownCaller());
      return;
    }
    Set<OperatorRole> held = operatorRoles.rolesOf(caller);
    if (Arrays.stream(required.value()).noneMatch(held::contains)) {
      refuse(
          context,
          GatewayRefusal.refused(
              403,
              "role_required",
              "This operation needs one of: " + Arrays.toString(required.value()) + "."),
          caller);
      return;
    }
    context.setSecurityContext(new OperatorSecurityContext(caller, held));
  }

  private RequiresRole required() {
    RequiresRole onMethod =
        resource.getResourceMethod() == null
            ? null
            : resource.getResourceMethod().getAnnotation(RequiresRole.class);
    if (onMethod != null) {
      return onMethod;
    }
    return resource.getResourceClass() == null
        ? null
        : resource.getResourceClass().getAnnotation(RequiresRole.class);
  }

  private void refuse(
      ContainerRequestContext context, GatewayRefusal refusal, CallerIdentity known) {
    String auditId =
        audit.recordAdminRefusal(
            request.getMethod(),
            request.getRequestURI(),
            request.getRemoteAddr(),
            request.getHeader("User-Agent"),
            TlsFacts.fromInboundCipherSuite(
                (String) request.getAttribute("jakarta.servlet.request.cipher_suite")),
            known == null ? CallerIdentity.ANONYMOUS : known,
            refusal.status(),
            refusal.reason());
    context.abortWith(
        Problem.response(
            refusal.status(),
            refusal.reason(),
            refusal.detail(),
            auditId,
            Map.copyOf(refusal.headers())));
  }
}
