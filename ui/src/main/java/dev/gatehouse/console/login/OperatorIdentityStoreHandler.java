package dev.gatehouse.console.login;

import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.identity.OperatorRole;
import dev.gatehouse.identity.OperatorRoles;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns whatever identity store validated the caller (the OpenID Connect provider's, or the demo
 * users) into the console's roles: the caller's groups are mapped by {@link OperatorRoles} — the
 * same configurable mapping the admin API uses — and only the resulting role names ({@code
 * gatehouse-admin}, {@code gatehouse-reviewer}, {@code gatehouse-auditor}) reach the container. A
 * raw group that happens to carry a role's name therefore grants nothing unless it is configured.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class OperatorIdentityStoreHandler implements IdentityStoreHandler {

  @Inject Instance<IdentityStore> stores;

  @Inject OperatorRoles roles;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    List<IdentityStore> validating = new ArrayList<>();
    stores.forEach(
        s -> {
          if (s.validationTypes().contains(IdentityStore.ValidationType.VALIDATE)) {
            validating.add(s);
          }
        });
    validating.sort(Comparator.comparingInt(IdentityStore::priority));
    CredentialValidationResult outcome = CredentialValidationResult.NOT_VALIDATED_RESULT;
    for (IdentityStore store : validating) {
      CredentialValidationResult result = store.validate(credential);
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        return mapped(result);
      }
      if (result.getStatus() == CredentialValidationResult.Status.INVALID) {
        outcome = result;
      }
    }
    return outcome;
  }

  private CredentialValidationResult mapped(CredentialValidationResult result) {
    String name = result.getCallerPrincipal().getName();
    CallerIdentity caller = new CallerIdentity(name, List.copyOf(result.getCallerGroups()), null);
    Set<String> roleNames =
        roles.rolesOf(caller).stream().map(OperatorRole::roleName).collect(Collectors.toSet());
    return new CredentialValidationResult(result.getCallerPrincipal(), roleNames);
  }
}
