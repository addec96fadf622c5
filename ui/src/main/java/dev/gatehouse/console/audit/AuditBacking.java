package dev.gatehouse.console.audit;

import dev.gatehouse.audit.AuditCursor;
import dev.gatehouse.audit.AuditPage;
import dev.gatehouse.audit.AuditQuery;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditService;
import dev.gatehouse.exchange.Decision;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code audit/search.xhtml}: the audit trail filtered, newest first, a page at a time (the
 * service's cursors; previous pages are remembered in the view). Times are entered in UTC.
 */
@Named
@ViewScoped
public class AuditBacking implements Serializable {

  private static final long serialVersionUID = 1L;

  static final int PAGE_SIZE = 25;

  @Inject transient AuditService audit;

  private String from;
  private String to;
  private String caller;
  private String connection;
  private Decision decision;
  private Integer status;
  private String rule;
  private String path;

  private String cursor;
  private final Deque<String> previous = new ArrayDeque<>();
  private transient AuditPage page;

  public Decision[] getDecisions() {
    return Decision.values();
  }

  public void search() {
    cursor = null;
    previous.clear();
    page = null;
  }

  public void next() {
    AuditPage current = getPage();
    if (current.next() != null) {
      previous.push(cursor == null ? "" : cursor);
      cursor = current.next().token();
      page = null;
    }
  }

  public void back() {
    if (!previous.isEmpty()) {
      String c = previous.pop();
      cursor = c.isEmpty() ? null : c;
      page = null;
    }
  }

  public boolean isHasNext() {
    return getPage().next() != null;
  }

  public boolean isHasPrevious() {
    return !previous.isEmpty();
  }

  public List<AuditRecord> getRecords() {
    return getPage().records();
  }

  private AuditPage getPage() {
    if (page == null) {
      AuditQuery query = query(cursor, PAGE_SIZE);
      page = query == null ? new AuditPage(List.of(), null) : audit.search(query);
    }
    return page;
  }

  /** The query of the filters, or {@code null} (with a message) when a time does not parse. */
  AuditQuery query(String cursorToken, int limit) {
    try {
      return new AuditQuery(
          instant(from),
          instant(to),
          blank(caller),
          blank(connection),
          decision,
          status,
          blank(rule),
          blank(path),
          null,
          cursorToken == null ? null : AuditCursor.parse(cursorToken),
          limit);
    } catch (DateTimeParseException e) {
      FacesContext faces = FacesContext.getCurrentInstance();
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              faces.getApplication().getResourceBundle(faces, "msg").getString("audit.badTime"),
              null));
      return null;
    }
  }

  /** The export link: the same filters as query parameters of the export servlet. */
  public String getExportQuery() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("from", from);
    q.put("to", to);
    q.put("caller", caller);
    q.put("connection", connection);
    q.put("decision", decision == null ? null : decision.name());
    q.put("status", status == null ? null : status.toString());
    q.put("rule", rule);
    q.put("path", path);
    StringBuilder s = new StringBuilder();
    q.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank()) {
            s.append(s.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v.strip(), StandardCharsets.UTF_8));
          }
        });
    return s.toString();
  }

  /** {@code 2026-11-26T01:00}, with or without seconds or a trailing Z, read as UTC. */
  static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    if (t.endsWith("Z")) {
      return Instant.parse(t);
    }
    return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getCaller() {
    return caller;
  }

  public void setCaller(String caller) {
    this.caller = caller;
  }

  public String getConnection() {
    return connection;
  }

  public void setConnection(String connection) {
    this.connection = connection;
  }

  public Decision getDecision() {
    return decision;
  }

  public void setDecision(Decision decision) {
    this.decision = decision;
  }

  public Integer getStatus() {
    return status;
  }

  public void setStatus(Integer status) {
    this.status = status;
  }

  public String getRule() {
    return rule;
  }

  public void setRule(String rule) {
    this.rule = rule;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }
}
