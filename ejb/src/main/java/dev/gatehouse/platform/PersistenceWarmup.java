package dev.gatehouse.platform;

import dev.gatehouse.approval.ApprovalService;
import dev.gatehouse.approval.GrantService;
import dev.gatehouse.approval.webhook.WebhookOutbox;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Touches the entity manager of every {@code @ApplicationScoped} bean that has one, once, while the
 * application starts. Payara's container-managed entity manager finds its persistence unit through
 * the component that first uses it and keeps it: used first from a web module's request thread, the
 * EJB jar's unit {@code gatehouse} is not in scope and the request fails with "Unable to retrieve
 * EntityManagerFactory" — which is what the first held request after a fresh deployment met before
 * any timer had used these beans. Used first from here, an EJB, it resolves and stays.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class PersistenceWarmup {

  @Inject ApprovalService approvals;

  @Inject GrantService grants;

  @Inject WebhookOutbox webhooks;

  @PostConstruct
  void warm() {
    approvals.list(null, null, null, 1);
    grants.list(null, null, null, 1);
    webhooks.list(null, null, 1);
  }
}
