package dev.gatehouse.console.policies;

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
 * before storing it, so an invalid pattern is shown here and never reaches the data path; edits are
 * checked against the version the form was loaded with.
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
            });
  }

  public String save() {
    if (rule.getConnectionName() != null && rule.getConnectionName().isBlank()) {
      rule.setConnectionName(null);
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
