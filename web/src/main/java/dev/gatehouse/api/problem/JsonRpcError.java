package dev.gatehouse.api.problem;

import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;

/**
 * A refusal as a JSON-RPC 2.0 error, the only answer an MCP client reads: {@code
 * {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…,"data":{"reason":…,"status":…,
 * "auditId":…}}}}, under the refusal's HTTP status, so that plain HTTP tooling sees the refusal
 * too.
 */
final class JsonRpcError {

  private JsonRpcError() {}

  static Response response(GatewayRefusal refusal, String ruleId) {
    JsonObjectBuilder data =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("reason", refusal.reason())
            .add("status", refusal.status());
    if (refusal.auditId() != null) {
      data.add("auditId", refusal.auditId());
    }
    if (ruleId != null) {
      data.add("ruleId", ruleId);
    }
    refusal.details().forEach(data::add);
    JsonObjectBuilder body =
        Jsonp.PROVIDER
            .createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", id(refusal.jsonRpcId()))
            .add(
                "error",
                Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("code", refusal.jsonRpcCode())
                    .add("message", refusal.detail() == null ? refusal.reason() : refusal.detail())
                    .add("data", data));
    Response.ResponseBuilder builder =
        Response.status(refusal.inBand() ? 200 : refusal.status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(body.build().toString());
    refusal.headers().forEach(builder::header);
    return builder.build();
  }

  /** The message's id as it was sent (a string or a number), or JSON null. */
  private static JsonValue id(String rawId) {
    if (rawId == null) {
      return JsonValue.NULL;
    }
    try (var reader = Jsonp.PROVIDER.createReader(new StringReader(rawId))) {
      return reader.readValue();
    }
  }
}
