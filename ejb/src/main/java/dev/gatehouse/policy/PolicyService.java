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
   * @throws InvalidPolicyRule when the rule does not compile or its name is taken
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
   * @throws InvalidPolicyRule when the rule does not compile or its name is taken
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
    return delete(id, null, actor);
  }

  /**
   * Removes a rule.
   *
   * @param expectedVersion the version the caller read, or {@code null} to remove whatever is
   *     stored
   * @return whether there was such a rule
   * @throws OptimisticLockException when the rule changed since {@code expectedVersion}
   */
  public boolean delete(String id, Long expectedVersion, String actor) {
    PolicyRule rule = em.find(PolicyRule.class, id);
    if (rule == null) {
      return false;
    }
    if (expectedVersion != null && expectedVersion != rule.getVersion()) {
      throw new OptimisticLockException("The rule changed since version " + expectedVersion);
    }
    String before = json(rule);
    em.remove(rule);
    events.record(new AdminEvent(actor, "DELETE", "policy", rule.getName(), before, null));
    changed.fire(new PolicyRulesChanged(id));
    return true;
  }

  /** What an import did, by rule name. */
  public record ImportResult(List<String> created, List<String> updated, List<String> unchanged) {}

  /**
   * Creates or updates each rule by name, all or nothing: every rule is compiled first, and one
   * that does not compile refuses the whole import naming its place ({@code policies[i]}). Rules
   * equal to what is stored are left alone, so importing an export changes nothing; rules not in
   * the import are kept. One {@code IMPORT} admin event records it.
   *
   * @throws InvalidPolicyRule naming the first rule that does not compile, or a name given twice
   */
  public ImportResult importRules(List<PolicyRule> rules, String actor) {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      try {
        CompiledRule.compile(rules.get(i));
      } catch (IllegalArgumentException e) {
        InvalidPolicyRule invalid =
            e instanceof InvalidPolicyRule named
                ? named
                : new InvalidPolicyRule("", e.getMessage());
        throw invalid.at("policies[" + i + "]");
      }
      if (!names.add(rules.get(i).getName())) {
        throw new InvalidPolicyRule(
                "name", "The name " + rules.get(i).getName() + " is given twice.")
            .at("policies[" + i + "]");
      }
    }
    java.util.Map<String, PolicyRule> stored = new java.util.HashMap<>();
    all().forEach(rule -> stored.put(rule.getName(), rule));
    List<String> created = new java.util.ArrayList<>();
    List<String> updated = new java.util.ArrayList<>();
    List<String> unchanged = new java.util.ArrayList<>();
    for (PolicyRule rule : rules) {
      PolicyRule existing = stored.get(rule.getName());
      if (existing == null) {
        em.persist(rule);
        created.add(rule.getName());
      } else if (existing.sameSettingsAs(rule)) {
        unchanged.add(rule.getName());
      } else {
        existing.assign(rule);
        updated.add(rule.getName());
      }
    }
    em.flush();
    ImportResult result = new ImportResult(created, updated, unchanged);
    if (!created.isEmpty() || !updated.isEmpty()) {
      events.record(new AdminEvent(actor, "IMPORT", "policy", "*", null, JSONB.toJson(result)));
      changed.fire(new PolicyRulesChanged("*"));
    }
    return result;
  }

  private void requireFreeName(String name, String exceptId) {
    for (PolicyRule existing : all()) {
      if (existing.getName().equals(name) && !existing.getId().equals(exceptId)) {
        throw new InvalidPolicyRule("name", "A rule named " + name + " exists already.");
      }
    }
  }

  private static String json(PolicyRule rule) {
    return JSONB.toJson(rule);
  }
}
