package dev.gatehouse.api.audit;

import dev.gatehouse.api.problem.Problem;
import dev.gatehouse.api.security.RequiresRole;
import dev.gatehouse.audit.AuditCursor;
import dev.gatehouse.audit.AuditPage;
import dev.gatehouse.audit.AuditQuery;
import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditService;
import dev.gatehouse.audit.ChainVerification;
import dev.gatehouse.audit.sink.AuditSinkDispatcher;
import dev.gatehouse.audit.sink.SinkStatus;
import dev.gatehouse.connection.FieldError;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.identity.OperatorRole;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code /api/v1/audit}: the audit trail for auditors and admins — search (newest first, cursor
 * pagination), one record, chain verification, the JSON Lines export and the sinks' status.
 */
@Path("api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole({OperatorRole.AUDITOR, OperatorRole.ADMIN})
public class AuditResource {

  /** Carries the cursor of the next page; absent on the last page. */
  static final String NEXT_CURSOR_HEADER = "Gatehouse-Next-Cursor";

  private static final int MAX_LIMIT = 500;

  @Inject AuditService audit;

  @Inject AuditSinkDispatcher sinks;

  @Context UriInfo uri;

  /**
   * Searches the trail. The body is a JSON array of records, newest first; the next page's cursor
   * is in the {@code Gatehouse-Next-Cursor} header and a {@code Link: rel="next"}.
   */
  @GET
  public Response search(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("caller") String caller,
      @QueryParam("connection") String connection,
      @QueryParam("decision") String decision,
      @QueryParam("status") Integer status,
      @QueryParam("rule") String rule,
      @QueryParam("path") String pathText,
      @QueryParam("tool") String tool,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    List<FieldError> errors = new ArrayList<>();
    Instant since =
        parsed("from", from, AuditResource::instant, "is not an ISO-8601 instant", errors);
    Instant until = parsed("to", to, AuditResource::instant, "is not an ISO-8601 instant", errors);
    Decision decided =
        parsed(
            "decision",
            decision,
            d -> Decision.valueOf(d.trim().toUpperCase(Locale.ROOT)),
            "is not one of " + java.util.Arrays.toString(Decision.values()),
            errors);
    AuditCursor after =
        parsed("cursor", cursor, AuditCursor::parse, "is not a cursor this API returned", errors);
    if (!errors.isEmpty()) {
      return Problem.invalid(
          "invalid_audit_query",
          "from/to must be ISO-8601 instants, decision one of the decisions, cursor as returned.",
          errors);
    }
    AuditQuery query =
        new AuditQuery(
            since,
            until,
            blankToNull(caller),
            blankToNull(connection),
            decided,
            status,
            blankToNull(rule),
            blankToNull(pathText),
            blankToNull(tool),
            after,
            Math.max(1, Math.min(limit, MAX_LIMIT)));
    AuditPage page = audit.search(query);
    Response.ResponseBuilder builder =
        Response.ok(page.records().stream().map(AuditRecordView::of).toList());
    if (page.next() != null) {
      String token = page.next().token();
      builder
          .header(NEXT_CURSOR_HEADER, token)
          .link(uri.getRequestUriBuilder().replaceQueryParam("cursor", token).build(), "next");
    }
    return builder.build();
  }

  /** Checks the hash chain over sequence numbers {@code from}..{@code to} (default: all). */
  @GET
  @Path("verify")
  public ChainVerification verify(@QueryParam("from") Long from, @QueryParam("to") Long to) {
    return audit.verify(from, to);
  }

  /**
   * Streams completed records in chain order as JSON Lines (see {@link AuditExport}), from chain
   * sequence number {@code fromSeq} (default 1) to {@code toSeq} (default: the current head).
   */
  @GET
  @Path("export")
  @Produces(AuditExport.MEDIA_TYPE)
  public Response export(
      @QueryParam("fromSeq") @DefaultValue("1") long fromSeq, @QueryParam("toSeq") Long toSeq) {
    return Response.ok(new AuditExport(audit, fromSeq, toSeq), AuditExport.MEDIA_TYPE).build();
  }

  /**
   * The configured sinks (syslog, HTTPS push): each one's persisted cursor, the chain's head, the
   * lag between them, and the last delivery error; an empty array when none is configured.
   */
  @GET
  @Path("sinks")
  public List<SinkStatus> sinks() {
    return sinks.status();
  }

  @GET
  @Path("{id}")
  public Response one(@PathParam("id") String id) {
    AuditRecord record = audit.find(id);
    if (record == null) {
      return Problem.response(404, "unknown_audit_record", "No audit record has that id.", null);
    }
    return Response.ok(AuditRecordView.of(record)).build();
  }

  private static Instant instant(String value) {
    return Instant.parse(value.trim());
  }

  /**
   * A query parameter read by {@code reader}, {@code null} when absent or blank; one it cannot read
   * is added to {@code errors} under its name, with {@code fault} (the value is not repeated).
   */
  private static <T> T parsed(
      String name,
      String value,
      Function<String, T> reader,
      String fault,
      List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return reader.apply(value);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      errors.add(new FieldError(name, fault));
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
