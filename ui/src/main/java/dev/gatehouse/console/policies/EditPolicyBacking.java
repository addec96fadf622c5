package dev.gatehouse.console.policies;

import dev.gatehouse.console.Messages;
import dev.gatehouse.console.login.CurrentOperator;
import dev.gatehouse.policy.MatchKind;
import dev.gatehouse.policy.PolicyRule;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.RuleAction;
import dev.gatehouse.policy.RuleTarget;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.OptimisticLockException;
import java.io.Serializable;

/**
 * {@code policies/edit.xhtml}: creates or edits one rule. {@link PolicyService} compiles the rule
 * before storing it, so an invalid pattern — or an ALLOW, caller groups or an argument pointer on a
 * rule that is not a tool rule — is refused with the service's own words shown here, and never
 * reaches the data path; edits are checked against the version the form was loaded with.
 */
@Named
@ViewScoped
public class EditPolicyBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient PolicyService policies;

  @Inject transient CurrentOperator operator;

  private String id;
  private Long version;
  private final PolicyRule rule = new PolicyRule();

  /** The rule's caller groups as the form shows them (comma-separated). */
  private String callerGroups;

  public void load() {
    if (id == null || version != null) {
      return;
    }
    policies
        .find(id)
        .ifPresent(
            stored -> {
              rule.assign(stored);
              version = stored.getVersion();
              callerGroups = GroupNames.join(stored.getCallerGroups());
            });
  }

  public String save() {
    if (rule.getConnectionName() != null && rule.getConnectionName().isBlank()) {
      rule.setConnectionName(null);
    }
    if (rule.getArgumentPointer() != null && rule.getArgumentPointer().isBlank()) {
      rule.setArgumentPointer(null);
    }
    rule.setCallerGroups(GroupNames.parse(callerGroups));
    // Only a tool rule may go without a pattern (it then holds for every call of its tools).
    if (rule.getPattern() == null) {
      rule.setPattern("");
    }
    if (rule.getTarget() != RuleTarget.TOOL && rule.getPattern().isEmpty()) {
      Messages.field("rule:pattern", Messages.text("required", "required"));
      return null;
    }
    try {
      if (id == null) {
        policies.create(rule, operator.getName());
      } else {
        policies.update(id, rule, version, operator.getName());
      }
      return "/policies/list.xhtml?faces-redirect=true";
    } catch (EJBException e) {
      Throwable cause = e.getCausedByException() != null ? e.getCausedByException() : e.getCause();
      error(cause == null ? e.getMessage() : cause.getMessage());
    } catch (IllegalArgumentException | OptimisticLockException e) {
      error(e.getMessage());
    }
    return null;
  }

  public String delete() {
    if (id != null) {
      policies.delete(id, operator.getName());
    }
    return "/policies/list.xhtml?faces-redirect=true";
  }

  private static void error(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  public RuleTarget[] getTargets() {
    return RuleTarget.values();
  }

  public RuleAction[] getActions() {
    return RuleAction.values();
  }

  public MatchKind[] getMatchKinds() {
    return MatchKind.values();
  }

  public String getCallerGroups() {
    return callerGroups;
  }

  public void setCallerGroups(String callerGroups) {
    this.callerGroups = callerGroups;
  }

  public PolicyRule getRule() {
    return rule;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id == null || id.isBlank() ? null : id;
  }

  public boolean isNew() {
    return id == null;
  }
}
