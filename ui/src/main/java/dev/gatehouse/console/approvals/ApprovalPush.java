package dev.gatehouse.console.approvals;

import dev.gatehouse.approval.ApprovalChanged;
import dev.gatehouse.approval.ApprovalFeed;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.function.Consumer;

/**
 * Forwards every committed approval change to the inboxes open in browsers, over the Faces
 * WebSocket channel {@code approvals}. The message is only a nudge ({@code changed}); each inbox
 * then re-reads the queue with its operator's rights, so nothing about an approval travels over the
 * socket.
 */
@ApplicationScoped
public class ApprovalPush {

  /** The message the inbox's {@code <f:ajax event="changed">} listens for. */
  static final String CHANGED = "changed";

  @Inject ApprovalFeed feed;

  @Inject
  @Push(channel = "approvals")
  PushContext approvals;

  private final Consumer<ApprovalChanged> listener = change -> approvals.send(CHANGED);

  void start(@Observes @Initialized(ApplicationScoped.class) Object context) {
    feed.subscribe(listener);
  }

  @PreDestroy
  void stop() {
    feed.unsubscribe(listener);
  }
}
