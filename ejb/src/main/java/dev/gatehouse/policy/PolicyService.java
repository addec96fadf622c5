package dev.gatehouse.policy;

import dev.gatehouse.admin.AdminEvent;
import dev.gatehouse.admin.AdminEventRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the policy rules. Every rule is compiled before it is stored, so an invalid pattern is
 * refused at the API and never reaches the data path; every change is announced with {@link
 * PolicyRulesChanged} so the compiled cache reloads once the change is committed, and recorded as
 * an {@link AdminEvent} in the same transaction.
 */
@Stateless
public class PolicyService {

  @PersistenceContext(unitName = "gatehouse")
  private EntityManager em;

  private static final Jsonb JSONB = JsonbBuilder.create();

  @Inject Event<PolicyRulesChanged> changed;

  @Inject AdminEventRepository events;

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
  public PolicyRule create(PolicyRule rule, String actor) {
    CompiledRule.compile(rule);
    requireFreeName(rule.getName(), null);
    em.persist(rule);
    events.record(new AdminEvent(actor, "CREATE", "policy", rule.getName(), null, json(rule)));
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
  public Optional<PolicyRule> update(
      String id, PolicyRule settings, Long expectedVersion, String actor) {
    PolicyRule rule = em.find(PolicyRule.class, id);
    if (rule == null) {
      return Optional.empty();
    }
    if (expectedVersion != null && expectedVersion != rule.getVersion()) {
      throw new OptimisticLockException("The rule changed since version " + expectedVersion);
    }
    CompiledRule.compile(settings);
    requireFreeName(settings.getName(), id);
    String before = json(rule);
    rule.assign(settings);
    em.flush();
    events.record(new AdminEvent(actor, "UPDATE", "policy", rule.getName(), before, json(rule)));
    changed.fire(new PolicyRulesChanged(id));
    return Optional.of(rule);
  }

  public boolean delete(String id, String actor) {
    PolicyRule rule = em.find(PolicyRule.class, id);
    if (rule == null) {
      return false;
    }
    String before = json(rule);
    em.remove(rule);
    events.record(new AdminEvent(actor, "DELETE", "policy", rule.getName(), before, null));
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

  private static String json(PolicyRule rule) {
    return JSONB.toJson(rule);
  }
}
