package dev.gatehouse.admin;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Stores and lists {@link AdminEvent}s. Recording joins the caller's transaction (mandatory), so a
 * change and its event commit or roll back together.
 */
@Stateless
public class AdminEventRepository {

  @PersistenceContext(unitName = "gatehouse")
  private EntityManager em;

  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void record(AdminEvent event) {
    em.persist(event);
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<AdminEvent> recent(int limit) {
    return em.createNamedQuery("AdminEvent.findRecent", AdminEvent.class)
        .setMaxResults(limit)
        .getResultList();
  }
}
