package dev.gatehouse.audit;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Locale;

/**
 * One chained audit record as one line of the export and of every sink: an OCSF API Activity event
 * (class 6003, schema 1.1), the same for {@code GET /api/v1/audit/export}, the syslog sink and the
 * HTTPS sink.
 *
 * <p>Requests: {@code class_uid} 6003, {@code class_name}, {@code category_uid} 6, {@code
 * category_name}, {@code activity_id}/{@code activity_name} (POST Create 1, GET/HEAD Read 2,
 * PUT/PATCH Update 3, DELETE Delete 4, else Other 99), {@code type_uid}, {@code severity_id} 1,
 * {@code time} and {@code end_time} (epoch ms), {@code duration} (ms), {@code status}/{@code
 * status_id} (Success 1 for ALLOWED/RELEASED with status below 400, else Failure 2), {@code
 * status_code} (HTTP status), {@code status_detail} (reason), {@code actor.user} ({@code name},
 * {@code groups[].name}), {@code actor.session.uid} (token id), {@code src_endpoint.ip}, {@code
 * http_request} ({@code http_method}, {@code url.path}, {@code url.query_string}, {@code
 * user_agent}, {@code length}), {@code http_response} ({@code code}, {@code length}), {@code api}
 * ({@code operation}, {@code service.name} = connection), {@code metadata} ({@code uid} = record
 * id, {@code sequence}, {@code version}, {@code log_name}, {@code product}). Gatehouse's own facts,
 * which OCSF API Activity has no field for, are under {@code unmapped.gatehouse}: {@code decision},
 * {@code reason}, {@code rule_hits} (JSON text), {@code inbound_tls}/{@code upstream_tls} ({@code
 * protocol}, {@code cipher}), {@code upstream_micros}, {@code request_transcript}, {@code
 * response_transcript}, {@code transcript_truncated}, {@code prev_hash}, {@code hash}, {@code
 * chain_key_id} (only for a record sealed with a chain key: {@code hash} is then its HMAC), {@code
 * started_at}, and for an agent exchange {@code agent} ({@code protocol}, {@code model}, {@code
 * mcp_method}, {@code mcp_session_id}, {@code tool_names} as {@code ,name,name,}, {@code
 * tool_calls} as JSON text of {@code [{name, argumentsSha256}]}).
 *
 * <p>Admin events (decision {@code ADMIN}: connection and policy changes, approval decisions, key
 * rotation) are API Activity too: {@code activity_id} from the action (CREATE/IMPORT Create 1,
 * UPDATE/APPROVE/DENY/ROTATE_SECRETS Update 3, DELETE Delete 4), {@code api.operation} = the
 * action, {@code api.service.name} = {@code gatehouse-admin}, {@code resources[0]} ({@code type} =
 * target kind, {@code name} = target name), {@code actor.user.name} = the operator, and {@code
 * unmapped.gatehouse.admin} ({@code action}, {@code target_kind}, {@code target_name}, {@code
 * before}, {@code after} — the redacted views, never a secret). The chain fields are the same, so
 * an admin event is as tamper-evident as a request.
 */
public final class OcsfEvent {

  private OcsfEvent() {}

  /** The full event, transcripts included. */
  public static String line(AuditRecord r) {
    return line(r, true);
  }

  /**
   * The event; without transcripts when {@code transcripts} is false (for receivers with a message
   * size limit), then marked {@code unmapped.gatehouse.transcripts_omitted: true}.
   */
  public static String line(AuditRecord r, boolean transcripts) {
    String decision = r.getDecision().name();
    boolean admin = "ADMIN".equals(decision);
    int activity = admin ? adminActivity(r.getMethod()) : requestActivity(r.getMethod());
    boolean success =
        admin
            || (("ALLOWED".equals(decision) || "RELEASED".equals(decision))
                && r.getStatus() != null
                && r.getStatus() < 400);
    JsonObjectBuilder event =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("class_uid", 6003)
            .add("class_name", "API Activity")
            .add("category_uid", 6)
            .add("category_name", "Application Activity")
            .add("activity_id", activity)
            .add("activity_name", activityName(activity))
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
    event.add("actor", actor(r));
    JsonObjectBuilder src = Jsonp.PROVIDER.createObjectBuilder();
    add(src, "ip", r.getClientAddress());
    event.add("src_endpoint", src);

    JsonObjectBuilder own = Jsonp.PROVIDER.createObjectBuilder().add("decision", decision);
    if (admin) {
      JsonObject change = adminChange(r.getRequestTranscript());
      event.add(
          "api",
          Jsonp.PROVIDER
              .createObjectBuilder()
              .add("operation", r.getMethod())
              .add("service", Jsonp.PROVIDER.createObjectBuilder().add("name", "gatehouse-admin")));
      JsonObjectBuilder resource = Jsonp.PROVIDER.createObjectBuilder();
      addJson(resource, "type", change.get("targetKind"));
      addJson(resource, "name", change.get("targetName"));
      event.add("resources", Jsonp.PROVIDER.createArrayBuilder().add(resource));
      JsonObjectBuilder adminFacts =
          Jsonp.PROVIDER.createObjectBuilder().add("action", r.getMethod());
      addJson(adminFacts, "target_kind", change.get("targetKind"));
      addJson(adminFacts, "target_name", change.get("targetName"));
      adminFacts.add("before", change.getOrDefault("before", JsonValue.NULL));
      adminFacts.add("after", change.getOrDefault("after", JsonValue.NULL));
      own.add("admin", adminFacts);
    } else {
      event.add("http_request", httpRequest(r));
      JsonObjectBuilder response = Jsonp.PROVIDER.createObjectBuilder();
      if (r.getStatus() != null) {
        response.add("code", r.getStatus());
      }
      if (r.getBytesOut() != null) {
        response.add("length", r.getBytesOut());
      }
      event.add("http_response", response);
      JsonObjectBuilder service = Jsonp.PROVIDER.createObjectBuilder();
      add(service, "name", r.getConnectionName());
      event.add(
          "api",
          Jsonp.PROVIDER
              .createObjectBuilder()
              .add("operation", r.getMethod() + " " + (r.getPath() == null ? "" : r.getPath()))
              .add("service", service));
    }
    event.add(
        "metadata",
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("uid", r.getId())
            .add("sequence", r.getSeq())
            .add("version", "1.1.0")
            .add("log_name", "gatehouse-audit")
            .add(
                "product",
                Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("name", "Gatehouse")
                    .add("vendor_name", "Gatehouse")));

    add(own, "reason", r.getReason());
    add(own, "rule_hits", r.getRuleHits());
    if (!admin) {
      own.add("inbound_tls", tls(r.getInboundTlsProtocol(), r.getInboundCipherSuite()));
      own.add("upstream_tls", tls(r.getUpstreamTlsProtocol(), r.getUpstreamCipherSuite()));
    }
    if (r.getUpstreamMicros() != null) {
      own.add("upstream_micros", r.getUpstreamMicros());
    }
    if (transcripts) {
      add(own, "request_transcript", r.getRequestTranscript());
      add(own, "response_transcript", r.getResponseTranscript());
    } else {
      own.add("transcripts_omitted", true);
    }
    if (r.getTranscriptTruncated() != null) {
      own.add("transcript_truncated", r.getTranscriptTruncated());
    }
    if (r.getAgentProtocol() != null) {
      JsonObjectBuilder agent = Jsonp.PROVIDER.createObjectBuilder();
      add(agent, "protocol", r.getAgentProtocol());
      add(agent, "model", r.getAgentModel());
      add(agent, "mcp_method", r.getMcpMethod());
      add(agent, "mcp_session_id", r.getMcpSessionId());
      add(agent, "tool_names", r.getToolNames());
      add(agent, "tool_calls", r.getToolCalls());
      if (r.getTokensInput() != null) {
        agent.add("tokens_input", r.getTokensInput());
      }
      if (r.getTokensOutput() != null) {
        agent.add("tokens_output", r.getTokensOutput());
      }
      if (r.getToolError() != null) {
        agent.add("tool_error", r.getToolError());
      }
      own.add("agent", agent);
    }
    add(own, "prev_hash", r.getPrevHash());
    add(own, "hash", r.getRecordHash());
    add(own, "chain_key_id", r.getChainKeyId());
    add(own, "started_at", r.getStartedAt().toString());
    event.add("unmapped", Jsonp.PROVIDER.createObjectBuilder().add("gatehouse", own));
    return event.build().toString();
  }

  private static int requestActivity(String method) {
    return switch (method) {
      case "POST" -> 1;
      case "GET", "HEAD" -> 2;
      case "PUT", "PATCH" -> 3;
      case "DELETE" -> 4;
      default -> 99;
    };
  }

  private static int adminActivity(String action) {
    return switch (action.toUpperCase(Locale.ROOT)) {
      case "CREATE", "IMPORT" -> 1;
      case "UPDATE", "APPROVE", "DENY", "ROTATE_SECRETS" -> 3;
      case "DELETE" -> 4;
      default -> 99;
    };
  }

  private static String activityName(int activity) {
    return switch (activity) {
      case 1 -> "Create";
      case 2 -> "Read";
      case 3 -> "Update";
      case 4 -> "Delete";
      default -> "Other";
    };
  }

  private static JsonObjectBuilder actor(AuditRecord r) {
    JsonObjectBuilder user = Jsonp.PROVIDER.createObjectBuilder();
    add(user, "name", r.getCallerSubject());
    JsonArrayBuilder groups = Jsonp.PROVIDER.createArrayBuilder();
    if (r.getCallerGroups() != null && !r.getCallerGroups().isEmpty()) {
      for (String g : r.getCallerGroups().split(",")) {
        groups.add(Jsonp.PROVIDER.createObjectBuilder().add("name", g));
      }
    }
    user.add("groups", groups);
    JsonObjectBuilder actor = Jsonp.PROVIDER.createObjectBuilder().add("user", user);
    if (r.getTokenId() != null) {
      actor.add("session", Jsonp.PROVIDER.createObjectBuilder().add("uid", r.getTokenId()));
    }
    return actor;
  }

  private static JsonObjectBuilder httpRequest(AuditRecord r) {
    JsonObjectBuilder url = Jsonp.PROVIDER.createObjectBuilder();
    add(url, "path", r.getPath());
    add(url, "query_string", r.getQuery());
    JsonObjectBuilder request =
        Jsonp.PROVIDER.createObjectBuilder().add("http_method", r.getMethod()).add("url", url);
    add(request, "user_agent", r.getUserAgent());
    if (r.getRequestBodyBytes() != null) {
      request.add("length", r.getRequestBodyBytes());
    }
    return request;
  }

  /** The change document an admin record carries as its request transcript. */
  private static JsonObject adminChange(String transcript) {
    if (transcript == null) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(transcript))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
  }

  private static JsonObjectBuilder tls(String protocol, String cipher) {
    JsonObjectBuilder tls = Jsonp.PROVIDER.createObjectBuilder();
    add(tls, "protocol", protocol);
    add(tls, "cipher", cipher);
    return tls;
  }

  private static void add(JsonObjectBuilder builder, String name, String value) {
    if (value != null) {
      builder.add(name, value);
    }
  }

  private static void addJson(JsonObjectBuilder builder, String name, JsonValue value) {
    if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
      builder.add(name, value);
    }
  }
}
