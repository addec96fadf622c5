package dev.gatehouse.connection;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Finds and stores {@link BackendConnection}s. */
@Stateless
public class ConnectionRepository {

  @PersistenceContext(unitName = "gatehouse")
  private EntityManager em;

  public Optional<BackendConnection> findByName(String name) {
    return em.createNamedQuery("BackendConnection.findByName", BackendConnection.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  public List<BackendConnection> findAll() {
    return em.createNamedQuery("BackendConnection.findAll", BackendConnection.class)
        .getResultList();
  }

  public BackendConnection save(BackendConnection connection) {
    if (em.find(BackendConnection.class, connection.getId()) == null) {
      em.persist(connection);
      return connection;
    }
    return em.merge(connection);
  }
}
