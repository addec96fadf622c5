package dev.gatehouse.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request bodies this instance holds in memory, bounded in total: each body is bounded by its
 * connection's {@code maxRequestBytes}, but many callers sending large bodies at once must not
 * exhaust the heap. A body is counted as it is read ({@link RequestBody}) and released when its
 * exchange ends; a body that would take the total over {@code gatehouse.proxy.body-memory-bytes} is
 * refused (503 {@code gateway_busy}), never buffered.
 */
@ApplicationScoped
public class BodyMemory {

  private final AtomicLong held = new AtomicLong();

  @Inject
  @ConfigProperty(name = "gatehouse.proxy.body-memory-bytes", defaultValue = "268435456")
  long limit;

  /** For CDI. */
  protected BodyMemory() {}

  /** A budget of {@code limit} bytes, outside CDI (tests, and exchanges rebuilt from memory). */
  public BodyMemory(long limit) {
    this.limit = limit;
  }

  /** No bound: for an exchange whose body is already in memory elsewhere. */
  public static BodyMemory unbounded() {
    return new BodyMemory(Long.MAX_VALUE);
  }

  /** Takes {@code bytes} from the budget, or takes nothing and answers false when it is spent. */
  boolean reserve(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > limit) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Bytes of request bodies held now. */
  public long held() {
    return held.get();
  }
}
