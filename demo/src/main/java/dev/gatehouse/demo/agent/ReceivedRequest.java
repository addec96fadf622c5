package dev.gatehouse.demo.agent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the agent saw of one request, as exposed by {@code GET /test/received}. It lets integration
 * tests assert what the gateway forwarded; the Authorization value is reduced to an {@link
 * AuthorizationOutcome} so the credential never leaves the agent.
 */
record ReceivedRequest(
    Instant receivedAt,
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    AuthorizationOutcome authorization,
    int bodyLength) {

  static ReceivedRequest of(AgentRequest request, Instant receivedAt) {
    return new ReceivedRequest(
        receivedAt,
        request.method(),
        request.rawPath(),
        request.rawQuery(),
        request.headersWithoutAuthorization(),
        request.authorization(),
        request.body().length);
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("receivedAt", receivedAt.toString());
    json.put("method", method);
    json.put("path", rawPath);
    json.put("query", rawQuery);
    json.put("headers", headers);
    json.put("authorizationCheck", authorization.label());
    json.put("bodyLength", bodyLength);
    return json;
  }
}
