package dev.gatehouse.api.audit;

import dev.gatehouse.audit.AuditRecord;
import dev.gatehouse.audit.AuditService;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The JSON Lines export: one OCSF API Activity event (class 6003, schema 1.1) per completed record,
 * in chain order, read page by page so nothing is held whole. A consumer resumes after the last
 * {@code metadata.sequence} it stored ({@code ?fromSeq=last+1}).
 *
 * <p>Per line: {@code class_uid} 6003, {@code class_name}, {@code category_uid} 6, {@code
 * category_name}, {@code activity_id}/{@code activity_name} (POST Create 1, GET/HEAD Read 2,
 * PUT/PATCH Update 3, DELETE Delete 4, else Other 99), {@code type_uid}, {@code severity_id} 1,
 * {@code time} and {@code end_time} (epoch ms), {@code duration} (ms), {@code status}/{@code
 * status_id} (Success 1 for ALLOWED/RELEASED with status below 400, else Failure 2), {@code
 * status_code} (HTTP status), {@code status_detail} (reason), {@code actor.user} ({@code name},
 * {@code groups[].name}), {@code actor.session.uid} (token id), {@code src_endpoint.ip}, {@code
 * http_request} ({@code http_method}, {@code url.path}, {@code url.query_string}, {@code
 * user_agent}, {@code length}), {@code http_response} ({@code code}, {@code length}), {@code api}
 * ({@code operation}, {@code service.name} = connection), {@code metadata} ({@code uid} = record
 * id, {@code sequence}, {@code version}, {@code product}). Gatehouse's own facts, which OCSF API
 * Activity has no field for, are under {@code unmapped.gatehouse}: {@code decision}, {@code
 * reason}, {@code rule_hits} (JSON text), {@code inbound_tls}/{@code upstream_tls} ({@code
 * protocol}, {@code cipher}), {@code upstream_micros}, {@code request_transcript}, {@code
 * response_transcript}, {@code transcript_truncated}, {@code prev_hash}, {@code hash}.
 */
final class AuditExport implements StreamingOutput {

  static final String MEDIA_TYPE = "application/jsonl";

  private static final int PAGE = 200;

  private final AuditService audit;
  private final long fromSeq;
  private final Long toSeq;

  AuditExport(AuditService audit, long fromSeq, Long toSeq) {
    this.audit = audit;
    this.fromSeq = Math.max(1, fromSeq);
    this.toSeq = toSeq;
  }

  @Override
  public void write(OutputStream out) throws IOException {
    long next = fromSeq;
    while (true) {
      List<AuditRecord> page = audit.chained(next, toSeq, PAGE);
      for (AuditRecord r : page) {
        out.write(line(r).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        next = r.getSeq() + 1;
      }
      out.flush();
      if (page.size() < PAGE) {
        return;
      }
    }
  }

  static String line(AuditRecord r) {
    int activity =
        switch (r.getMethod()) {
          case "POST" -> 1;
          case "GET", "HEAD" -> 2;
          case "PUT", "PATCH" -> 3;
          case "DELETE" -> 4;
          default -> 99;
        };
    String activityName =
        switch (activity) {
          case 1 -> "Create";
          case 2 -> "Read";
          case 3 -> "Update";
          case 4 -> "Delete";
          default -> "Other";
        };
    String decision = r.getDecision().name();
    boolean success =
        ("ALLOWED".equals(decision) || "RELEASED".equals(decision))
            && r.getStatus() != null
            && r.getStatus() < 400;
    JsonObjectBuilder event =
        Json.createObjectBuilder()
            .add("class_uid", 6003)
            .add("class_name", "API Activity")
            .add("category_uid", 6)
            .add("category_name", "Application Activity")
            .add("activity_id", activity)
            .add("activity_name", activityName)
            .add("type_uid", 600300 + activity)
            .add("severity_id", 1)
            .add("time", r.getStartedAt().toEpochMilli())
            .add("status", success ? "Success" : "Failure")
            .add("status_id", success ? 1 : 2);
    if (r.getEndedAt() != null) {
      event.add("end_time", r.getEndedAt().toEpochMilli());
    }
    if (r.getTotalMicros() != null) {
      event.add("duration", r.getTotalMicros() / 1000);
    }
    if (r.getStatus() != null) {
      event.add("status_code", String.valueOf(r.getStatus()));
    }
    add(event, "status_detail", r.getReason());

    JsonObjectBuilder user = Json.createObjectBuilder();
    add(user, "name", r.getCallerSubject());
    JsonArrayBuilder groups = Json.createArrayBuilder();
    if (r.getCallerGroups() != null && !r.getCallerGroups().isEmpty()) {
      for (String g : r.getCallerGroups().split(",")) {
        groups.add(Json.createObjectBuilder().add("name", g));
      }
    }
    user.add("groups", groups);
    JsonObjectBuilder actor = Json.createObjectBuilder().add("user", user);
    if (r.getTokenId() != null) {
      actor.add("session", Json.createObjectBuilder().add("uid", r.getTokenId()));
    }
    event.add("actor", actor);

    JsonObjectBuilder src = Json.createObjectBuilder();
    add(src, "ip", r.getClientAddress());
    event.add("src_endpoint", src);

    JsonObjectBuilder url = Json.createObjectBuilder();
    add(url, "path", r.getPath());
    add(url, "query_string", r.getQuery());
    JsonObjectBuilder request =
        Json.createObjectBuilder().add("http_method", r.getMethod()).add("url", url);
    add(request, "user_agent", r.getUserAgent());
    if (r.getRequestBodyBytes() != null) {
      request.add("length", r.getRequestBodyBytes());
    }
    event.add("http_request", request);
    JsonObjectBuilder response = Json.createObjectBuilder();
    if (r.getStatus() != null) {
      response.add("code", r.getStatus());
    }
    if (r.getBytesOut() != null) {
      response.add("length", r.getBytesOut());
    }
    event.add("http_response", response);

    JsonObjectBuilder service = Json.createObjectBuilder();
    add(service, "name", r.getConnectionName());
    event.add(
        "api",
        Json.createObjectBuilder()
            .add("operation", r.getMethod() + " " + (r.getPath() == null ? "" : r.getPath()))
            .add("service", service));

    event.add(
        "metadata",
        Json.createObjectBuilder()
            .add("uid", r.getId())
            .add("sequence", r.getSeq())
            .add("version", "1.1.0")
            .add("log_name", "gatehouse-audit")
            .add(
                "product",
                Json.createObjectBuilder()
                    .add("name", "Gatehouse")
                    .add("vendor_name", "Gatehouse")));

    JsonObjectBuilder own = Json.createObjectBuilder().add("decision", decision);
    add(own, "reason", r.getReason());
    add(own, "rule_hits", r.getRuleHits());
    own.add("inbound_tls", tls(r.getInboundTlsProtocol(), r.getInboundCipherSuite()));
    own.add("upstream_tls", tls(r.getUpstreamTlsProtocol(), r.getUpstreamCipherSuite()));
    if (r.getUpstreamMicros() != null) {
      own.add("upstream_micros", r.getUpstreamMicros());
    }
    add(own, "request_transcript", r.getRequestTranscript());
    add(own, "response_transcript", r.getResponseTranscript());
    if (r.getTranscriptTruncated() != null) {
      own.add("transcript_truncated", r.getTranscriptTruncated());
    }
    add(own, "prev_hash", r.getPrevHash());
    add(own, "hash", r.getRecordHash());
    add(own, "started_at", iso(r.getStartedAt()));
    event.add("unmapped", Json.createObjectBuilder().add("gatehouse", own));
    return event.build().toString();
  }

  private static JsonObjectBuilder tls(String protocol, String cipher) {
    JsonObjectBuilder tls = Json.createObjectBuilder();
    add(tls, "protocol", protocol);
    add(tls, "cipher", cipher);
    return tls;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static void add(JsonObjectBuilder builder, String name, String value) {
    if (value != null) {
      builder.add(name, value);
    }
  }
}
