package dev.gatehouse.approval;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells subscribers about approval changes after they are committed. A listener registry rather
 * than a CDI event because the subscriber (the console) lives in a web module, whose beans an event
 * fired in this EJB module cannot reach. Only this instance's changes are seen; subscribers that
 * must also see other instances' changes re-read the database when told.
 */
@ApplicationScoped
public class ApprovalFeed {

  private static final Logger LOG = Logger.getLogger(ApprovalFeed.class.getName());

  private final List<Consumer<ApprovalChanged>> subscribers = new CopyOnWriteArrayList<>();

  @Resource TransactionSynchronizationRegistry transactions;

  public void subscribe(Consumer<ApprovalChanged> subscriber) {
    subscribers.add(subscriber);
  }

  public void unsubscribe(Consumer<ApprovalChanged> subscriber) {
    subscribers.remove(subscriber);
  }

  /** Delivers the change when the current transaction commits (at once without one). */
  void publish(ApprovalChanged change) {
    if (subscribers.isEmpty()) {
      return;
    }
    if (transactions != null && transactions.getTransactionKey() != null) {
      transactions.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
              if (status == Status.STATUS_COMMITTED) {
                deliver(change);
              }
            }
          });
    } else {
      deliver(change);
    }
  }

  private void deliver(ApprovalChanged change) {
    for (Consumer<ApprovalChanged> subscriber : subscribers) {
      try {
        subscriber.accept(change);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "An approval subscriber failed", e);
      }
    }
  }
}
