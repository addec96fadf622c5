package dev.gatehouse.console.audit;

import dev.gatehouse.audit.AuditCursor;
import dev.gatehouse.audit.AuditPage;
import dev.gatehouse.audit.AuditQuery;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditService;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.platform.Jsonp;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code /audit/export}: the records matching the audit page's filters as JSON Lines (one record
 * per line, newest first, transcripts as stored — masked), streamed page by page. Guarded like the
 * audit pages by {@code web.xml}.
 */
@WebServlet("/audit/export")
public class AuditExportServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final int PAGE = 200;

  @Inject transient AuditService audit;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    AuditQuery first;
    try {
      String decision = request.getParameter("decision");
      String status = request.getParameter("status");
      first =
          new AuditQuery(
              AuditBacking.instant(request.getParameter("from")),
              AuditBacking.instant(request.getParameter("to")),
              blank(request.getParameter("caller")),
              blank(request.getParameter("connection")),
              blank(decision) == null
                  ? null
                  : Decision.valueOf(decision.strip().toUpperCase(Locale.ROOT)),
              blank(status) == null ? null : Integer.valueOf(status.strip()),
              blank(request.getParameter("rule")),
              blank(request.getParameter("path")),
              blank(request.getParameter("tool")),
              null,
              PAGE);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      response.sendError(400, "Invalid filter");
      return;
    }
    response.setContentType("application/jsonl");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"gatehouse-audit.jsonl\"");
    OutputStream out = response.getOutputStream();
    AuditQuery query = first;
    while (true) {
      AuditPage page = audit.search(query);
      for (AuditRecord r : page.records()) {
        out.write(line(r).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
      out.flush();
      AuditCursor next = page.next();
      if (next == null) {
        return;
      }
      query =
          new AuditQuery(
              first.from(),
              first.to(),
              first.caller(),
              first.connection(),
              first.decision(),
              first.status(),
              first.rule(),
              first.pathText(),
              first.tool(),
              next,
              PAGE);
    }
  }

  static String line(AuditRecord r) {
    JsonObjectBuilder o = Jsonp.PROVIDER.createObjectBuilder().add("id", r.getId());
    add(o, "seq", r.getSeq());
    add(o, "startedAt", r.getStartedAt());
    add(o, "endedAt", r.getEndedAt());
    add(o, "caller", r.getCallerSubject());
    add(o, "groups", r.getCallerGroups());
    add(o, "tokenId", r.getTokenId());
    add(o, "clientAddress", r.getClientAddress());
    add(o, "connection", r.getConnectionName());
    add(o, "method", r.getMethod());
    add(o, "path", r.getPath());
    add(o, "query", r.getQuery());
    add(o, "inboundTlsProtocol", r.getInboundTlsProtocol());
    add(o, "inboundCipherSuite", r.getInboundCipherSuite());
    add(o, "upstreamTlsProtocol", r.getUpstreamTlsProtocol());
    add(o, "upstreamCipherSuite", r.getUpstreamCipherSuite());
    add(o, "decision", r.getDecision());
    add(o, "reason", r.getReason());
    add(o, "status", r.getStatus());
    add(o, "totalMicros", r.getTotalMicros());
    add(o, "ruleHits", r.getRuleHits());
    add(o, "requestTranscript", r.getRequestTranscript());
    add(o, "responseTranscript", r.getResponseTranscript());
    add(o, "transcriptTruncated", r.getTranscriptTruncated());
    add(o, "prevHash", r.getPrevHash());
    add(o, "hash", r.getRecordHash());
    return o.build().toString();
  }

  private static void add(JsonObjectBuilder o, String name, Object value) {
    if (value instanceof Number n) {
      o.add(name, n.longValue());
    } else if (value instanceof Boolean b) {
      o.add(name, b);
    } else if (value != null) {
      o.add(name, value.toString());
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
