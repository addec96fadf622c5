package dev.gatehouse.console.admin;

import dev.gatehouse.admin.AdminEvent;
import dev.gatehouse.admin.AdminEventRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * {@code admin/events.xhtml}: who changed which connection or setting, newest first. The before and
 * after views are the redacted ones the services recorded; no secret is in them.
 */
@Named
@RequestScoped
public class AdminEventsBacking {

  static final int LIMIT = 200;

  @Inject AdminEventRepository events;

  private List<AdminEvent> recent;

  public List<AdminEvent> getRecent() {
    if (recent == null) {
      recent = events.recent(LIMIT);
    }
    return recent;
  }
}
