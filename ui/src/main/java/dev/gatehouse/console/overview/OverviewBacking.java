package dev.gatehouse.console.overview;

import dev.gatehouse.approval.ApprovalService;
import dev.gatehouse.approval.ApprovalState;
import dev.gatehouse.audit.AuditStatistics;
import dev.gatehouse.audit.TrafficSummary;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code index.xhtml}: the last hour per connection, and a chart of requests over it. */
@Named
@RequestScoped
public class OverviewBacking {

  static final int BUCKETS = 12;
  static final int BUCKET_MINUTES = 5;

  @Inject AuditStatistics statistics;

  @Inject ApprovalService approvals;

  private List<TrafficSummary> connections;
  private String chart;
  private int pendingNow;

  @PostConstruct
  void load() {
    Instant now = Instant.now();
    Instant since = now.minus(1, ChronoUnit.HOURS);
    connections = statistics.byConnection(since);
    long[] buckets =
        statistics.perBucket(
            now.minus(Duration.ofMinutes((long) BUCKETS * BUCKET_MINUTES)),
            Duration.ofMinutes(BUCKET_MINUTES),
            BUCKETS);
    FacesContext faces = FacesContext.getCurrentInstance();
    String label =
        faces.getApplication().getResourceBundle(faces, "msg").getString("overview.chart.label");
    chart = TrafficChart.svg(buckets, label, BUCKET_MINUTES);
    pendingNow = approvals.list(ApprovalState.PENDING, null, null, 500).size();
  }

  public List<TrafficSummary> getConnections() {
    return connections;
  }

  public String getChart() {
    return chart;
  }

  public int getPendingNow() {
    return pendingNow;
  }
}
