package dev.gatehouse.policy;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the policy rules. Every rule is compiled before it is stored, so an invalid pattern is
 * refused at the API and never reaches the data path; every change is announced with {@link
 * PolicyRulesChanged} so the compiled cache reloads once the change is committed.
 */
@Stateless
public class PolicyService {

  @PersistenceContext(unitName = "gatehouse")
  private EntityManager em;

  @Inject Event<PolicyRulesChanged> changed;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<PolicyRule> all() {
    return em.createNamedQuery("PolicyRule.findAll", PolicyRule.class).getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<PolicyRule> enabled() {
    return em.createNamedQuery("PolicyRule.findEnabled", PolicyRule.class).getResultList();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<PolicyRule> find(String id) {
    return Optional.ofNullable(em.find(PolicyRule.class, id));
  }

  /**
   * Stores a new rule.
   *
   * @throws IllegalArgumentException when the rule does not compile or its name is taken
   */
  public PolicyRule create(PolicyRule rule) {
    CompiledRule.compile(rule);
    requireFreeName(rule.getName(), null);
    em.persist(rule);
    changed.fire(new PolicyRulesChanged(rule.getId()));
    return rule;
  }

  /**
   * Replaces a rule's settings.
   *
   * @param expectedVersion the version the caller edited, or {@code null} to overwrite
   * @throws IllegalArgumentException when the rule does not compile or its name is taken
   * @throws OptimisticLockException when the rule changed since {@code expectedVersion}
   */
  public Optional<PolicyRule> update(String id, PolicyRule settings, Long expectedVersion) {
    PolicyRule rule = em.find(PolicyRule.class, id);
    if (rule == null) {
      return Optional.empty();
    }
    if (expectedVersion != null && expectedVersion != rule.getVersion()) {
      throw new OptimisticLockException("The rule changed since version " + expectedVersion);
    }
    CompiledRule.compile(settings);
    requireFreeName(settings.getName(), id);
    rule.assign(settings);
    em.flush();
    changed.fire(new PolicyRulesChanged(id));
    return Optional.of(rule);
  }

  public boolean delete(String id) {
    PolicyRule rule = em.find(PolicyRule.class, id);
    if (rule == null) {
      return false;
    }
    em.remove(rule);
    changed.fire(new PolicyRulesChanged(id));
    return true;
  }

  private void requireFreeName(String name, String exceptId) {
    for (PolicyRule existing : all()) {
      if (existing.getName().equals(name) && !existing.getId().equals(exceptId)) {
        throw new IllegalArgumentException("A rule named " + name + " exists already.");
      }
    }
  }
}
