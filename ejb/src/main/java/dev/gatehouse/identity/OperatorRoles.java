package dev.gatehouse.identity;

import dev.gatehouse.exchange.CallerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Maps a caller's groups to operator roles. Which groups grant which role is configuration, so an
 * organisation's existing IdP groups (say {@code platform-sec}) can be used as they are.
 */
@ApplicationScoped
public class OperatorRoles {

  @Inject
  @ConfigProperty(name = "gatehouse.identity.admin-groups", defaultValue = "gatehouse-admin")
  String adminGroups;

  @Inject
  @ConfigProperty(name = "gatehouse.identity.reviewer-groups", defaultValue = "gatehouse-reviewer")
  String reviewerGroups;

  @Inject
  @ConfigProperty(name = "gatehouse.identity.auditor-groups", defaultValue = "gatehouse-auditor")
  String auditorGroups;

  public Set<OperatorRole> rolesOf(CallerIdentity caller) {
    Set<OperatorRole> roles = EnumSet.noneOf(OperatorRole.class);
    if (intersects(adminGroups, caller)) {
      roles.add(OperatorRole.ADMIN);
    }
    if (intersects(reviewerGroups, caller)) {
      roles.add(OperatorRole.REVIEWER);
    }
    if (intersects(auditorGroups, caller)) {
      roles.add(OperatorRole.AUDITOR);
    }
    return roles;
  }

  private static boolean intersects(String configured, CallerIdentity caller) {
    Set<String> groups =
        Arrays.stream(configured.split(",")).map(String::strip).collect(Collectors.toSet());
    return caller.groups().stream().anyMatch(groups::contains);
  }
}
