package dev.gatehouse.audit;

import dev.gatehouse.agent.AgentAnswer;
import dev.gatehouse.agent.AgentFacts;
import dev.gatehouse.agent.AgentProtocol;
import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.exchange.CallerIdentity;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.RuleHit;
import dev.gatehouse.platform.JsonText;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArrayBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns what is known of an exchange into the fields of its audit record. */
final class AuditEntries {

  private AuditEntries() {}

  /** The write-ahead record: the request's facts, before anything is forwarded. */
  static AuditEntry started(ProxyExchange exchange, RecordedTarget target) {
    AuditEntry e =
        new AuditEntry()
            .set(AuditField.ID, exchange.id())
            .set(AuditField.STARTED_AT, exchange.receivedAt())
            .text(AuditField.METHOD, exchange.method(), 16)
            .text(AuditField.CONNECTION_NAME, exchange.connectionName(), 63)
            .text(AuditField.PATH, target.path(), 4096)
            .text(AuditField.QUERY, target.query(), 4096)
            .text(AuditField.CLIENT_ADDRESS, exchange.clientAddress(), 64)
            .text(AuditField.USER_AGENT, exchange.userAgent(), 512)
            .text(AuditField.INBOUND_TLS_PROTOCOL, exchange.inboundTls().protocol(), 16)
            .text(AuditField.INBOUND_CIPHER_SUITE, exchange.inboundTls().cipherSuite(), 64)
            .set(AuditField.DECISION, "STARTED");
    return caller(e, exchange.caller());
  }

  /** The completed record, transcripts included. */
  static AuditEntry completed(
      ProxyExchange exchange,
      RecordedTarget target,
      String requestTranscript,
      long requestBodyBytes,
      String responseTranscript,
      Long responseBodyBytes,
      boolean truncated) {
    long bytesIn = exchange.bytesIn();
    AuditEntry entry =
        caller(started(exchange, target), exchange.caller())
            .set(AuditField.ENDED_AT, exchange.endedAt())
            .set(AuditField.DECISION, exchange.decision().name())
            .text(AuditField.REASON, exchange.reason(), 64)
            .set(AuditField.STATUS, exchange.status() == 0 ? null : exchange.status())
            .set(
                AuditField.TOTAL_MICROS,
                exchange.totalNanos() < 0 ? null : exchange.totalNanos() / 1000)
            .set(
                AuditField.UPSTREAM_MICROS,
                exchange.upstreamNanos() < 0 ? null : exchange.upstreamNanos() / 1000)
            .set(AuditField.BYTES_IN, bytesIn < 0 ? null : bytesIn)
            .set(AuditField.BYTES_OUT, exchange.bytesOut())
            .text(AuditField.UPSTREAM_TLS_PROTOCOL, exchange.upstreamTls().protocol(), 16)
            .text(AuditField.UPSTREAM_CIPHER_SUITE, exchange.upstreamTls().cipherSuite(), 64)
            .text(AuditField.RULE_HITS, ruleHits(exchange.ruleHits()), 8192)
            .set(AuditField.REQUEST_TRANSCRIPT, requestTranscript)
            .set(AuditField.REQUEST_BODY_BYTES, requestBodyBytes < 0 ? null : requestBodyBytes)
            .set(AuditField.RESPONSE_TRANSCRIPT, responseTranscript)
            .set(AuditField.RESPONSE_BODY_BYTES, responseBodyBytes)
            .set(AuditField.TRANSCRIPT_TRUNCATED, truncated);
    exchange.attached(AgentFacts.class).ifPresent(facts -> agent(entry, facts));
    exchange
        .attached(AgentAnswer.class)
        .ifPresent(
            answer ->
                entry
                    .set(AuditField.TOKENS_INPUT, answer.inputTokens())
                    .set(AuditField.TOKENS_OUTPUT, answer.outputTokens())
                    .set(AuditField.TOOL_ERROR, answer.toolError()));
    return entry;
  }

  /** The agent facts of an exchange the gateway understood (plain HTTP leaves them unset). */
  private static void agent(AuditEntry entry, AgentFacts facts) {
    if (facts.protocol() == AgentProtocol.HTTP) {
      return;
    }
    Set<String> tools = new LinkedHashSet<>();
    facts.toolsOffered().forEach(tool -> tools.add(tool.name()));
    facts.toolCalls().forEach(call -> tools.add(call.name()));
    JsonArrayBuilder calls = Jsonp.PROVIDER.createArrayBuilder();
    for (ToolCall call : facts.toolCalls().subList(0, Math.min(facts.toolCalls().size(), 64))) {
      calls.add(
          Jsonp.PROVIDER
              .createObjectBuilder()
              .add("name", call.name())
              .add("argumentsSha256", call.argumentsSha256()));
    }
    String names = tools.isEmpty() ? null : "," + String.join(",", tools) + ",";
    entry
        .set(AuditField.AGENT_PROTOCOL, facts.protocol().name())
        .text(AuditField.AGENT_MODEL, facts.model(), 128)
        .text(AuditField.MCP_METHOD, facts.mcpMethod(), 64)
        .text(AuditField.MCP_SESSION_ID, facts.mcpSessionId(), 128)
        .set(AuditField.TOOL_NAMES, names != null && names.length() <= 4096 ? names : null)
        .set(AuditField.TOOL_CALLS, facts.toolCalls().isEmpty() ? null : calls.build().toString());
  }

  static AuditEntry caller(AuditEntry e, CallerIdentity caller) {
    return e.text(AuditField.CALLER_SUBJECT, caller.subject(), 255)
        .text(AuditField.CALLER_GROUPS, String.join(",", caller.groups()), 2048)
        .text(AuditField.TOKEN_ID, caller.tokenId(), 255);
  }

  /** Rule hits as a JSON array of {@code {"ruleId","action","where"}} objects, or null. */
  static String ruleHits(List<RuleHit> hits) {
    if (hits.isEmpty()) {
      return null;
    }
    StringBuilder json = new StringBuilder("[");
    for (RuleHit hit : hits) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append("{\"ruleId\":")
          .append(quote(hit.ruleId()))
          .append(",\"action\":")
          .append(quote(hit.action()))
          .append(",\"where\":")
          .append(quote(hit.where()))
          .append('}');
    }
    return json.append(']').toString();
  }

  static String quote(String value) {
    return value == null ? "null" : JsonText.quote(value);
  }
}
