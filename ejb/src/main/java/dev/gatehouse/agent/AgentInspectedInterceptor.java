package dev.gatehouse.agent;

import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.connection.UpstreamTarget;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.InterceptorOrder;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.exchange.RuleHit;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the protocol of an exchange ({@link ProtocolRecognizer}) and attaches what it carries
 * ({@link AgentFacts}) before any rule looks at it. Guarantees: a POST to an MCP endpoint is
 * forwarded only if its body is valid JSON-RPC 2.0 MCP whose {@code Mcp-Method}/{@code Mcp-Name}
 * headers agree with it, and an OpenAI-compatible request only if its body is one JSON object —
 * otherwise 400 with the reason, nothing forwarded; and every refusal of an MCP POST, here or
 * further in (a deny rule, an approval), reaches the client as a JSON-RPC error carrying the reason
 * and the audit id, which is the only kind of answer an MCP client reads; and, unless the
 * connection allows them, no request an MCP server sends its client reaches it ({@link
 * ServerRequestFilter}), nor does the server learn of capabilities that invite one ({@link
 * InitializeCapabilities}). Along the way it keeps the connection's {@link ToolInventory}: the
 * tools an MCP server lists (read from the answer as the caller reads it) or an OpenAI request
 * offers, and each call, forwarded or refused. And it holds the tools an MCP server lists to their
 * pinned definitions: a tool whose listed definition is not the pinned one, or that is quarantined,
 * is taken out of the list ({@link ToolListScreen}), and a call of a quarantined tool is refused
 * before anything is forwarded ({@code tool_quarantined}).
 */
@AgentInspected
@Interceptor
@Priority(InterceptorOrder.AGENT_INSPECTED)
public class AgentInspectedInterceptor {

  /** JSON-RPC server-error code for a request the gateway refused (implementation range). */
  static final int REFUSED_BY_GATEWAY = -32001;

  @Inject ConnectionDirectory connections;

  @Inject ToolInventory inventory;

  @Inject ToolVisibility visibility;

  @Inject ToolJudge judge;

  /** The largest whole (not streamed) answer whose tool calls are judged before it is relayed. */
  static final int WHOLE_ANSWER_LIMIT = 16 * 1024 * 1024;

  @AroundInvoke
  public Object inspect(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    Optional<UpstreamTarget> target = connections.find(exchange.connectionName());
    if (target.isEmpty()) {
      return context.proceed();
    }
    AgentProtocol protocol = protocolOf(exchange, target.get());
    boolean jsonRpc = protocol == AgentProtocol.MCP && exchange.method().equals("POST");
    AgentFacts facts;
    try {
      facts = read(protocol, exchange, target.get());
    } catch (AgentRequestRefused e) {
      GatewayRefusal refusal = GatewayRefusal.refused(400, e.reason(), e.getMessage());
      throw jsonRpc ? refusal.answeredAsJsonRpc(e.jsonRpcCode(), e.jsonRpcId()) : refusal;
    }
    exchange.attach(AgentFacts.class, facts);
    String connection = exchange.connectionName();
    refuseQuarantinedCalls(connection, facts);
    inventory.seen(connection, facts.toolsOffered());
    boolean serverRequestsBlocked = !target.get().agent().serverRequestsAllowed();
    ProxyResponse response;
    try {
      if (jsonRpc && serverRequestsBlocked) {
        // A server that follows MCP never asks for what the client does not declare.
        InitializeCapabilities.stripFrom(exchange, exchange.body(target.get().maxRequestBytes()));
      }
      response = (ProxyResponse) context.proceed();
    } catch (GatewayRefusal refusal) {
      if (refusal.decision() != Decision.ERROR) {
        facts.toolCalls().forEach(call -> inventory.called(connection, call.name(), true));
      }
      if (jsonRpc && refusal.jsonRpcCode() == null) {
        refusal.answeredAsJsonRpc(REFUSED_BY_GATEWAY, facts.jsonRpcId());
      }
      throw refusal;
    }
    if (exchange.decision() == Decision.ALLOWED || exchange.decision() == Decision.RELEASED) {
      facts.toolCalls().forEach(call -> inventory.called(connection, call.name(), false));
    }
    if (protocol == AgentProtocol.MCP && serverRequestsBlocked) {
      // What the server asks the client anyway never reaches it (a POST's answer, the GET stream).
      response =
          response.withBody(
              ServerRequestFilter.around(response, exchange, isEventStream(response)));
    }
    if (response.status() != 200) {
      return response;
    }
    boolean eventStream = isEventStream(response);
    if (protocol == AgentProtocol.MCP) {
      InputStream body = response.body();
      if (jsonRpc && "tools/call".equals(facts.mcpMethod())) {
        body =
            new ResponseTap(
                body,
                text ->
                    answered(
                        exchange,
                        AnswerReader.mcpToolResult(text, eventStream, facts.jsonRpcId())));
      }
      if (mayListTools(exchange, target.get(), facts, jsonRpc, eventStream)) {
        // The inventory reads the list as the server sent it, pinning and quarantining, before the
        // caller gets what it may see of it: tools whose listed definition is the pinned one.
        Set<String> groups =
            exchange.caller() == null ? Set.of() : Set.copyOf(exchange.caller().groups());
        body =
            new ToolListFilter(
                body,
                eventStream,
                new ToolListScreen(
                    inventory, connection, tool -> visibility.visible(connection, tool, groups)));
      }
      return body == response.body() ? response : response.withBody(body);
    }
    if (protocol == AgentProtocol.OPENAI) {
      InputStream body = response.body();
      if (judge.judges(connection)) {
        Set<String> groups =
            exchange.caller() == null ? Set.of() : Set.copyOf(exchange.caller().groups());
        body = guarded(exchange, connection, groups, body, eventStream, target.get());
      }
      // The model's tool calls and usage, read at the answer's end: before the audit record
      // completes.
      return response.withBody(
          new ResponseTap(
              body,
              text -> {
                List<ToolCall> calls = OpenAiResponseReader.toolCalls(text, eventStream);
                if (!calls.isEmpty()) {
                  exchange.attach(AgentFacts.class, facts.withToolCalls(calls));
                  calls.forEach(call -> inventory.called(connection, call.name(), false));
                }
                answered(exchange, AnswerReader.openAiUsage(text, eventStream));
              }));
    }
    return response;
  }

  /**
   * The answer with every tool call the model makes judged before the caller can act on it: a
   * stream through {@link StreamedToolCallGuard}; a whole answer read here (up to the connection's
   * response limit) and refused outright if a call in it may not reach the caller.
   */
  private InputStream guarded(
      ProxyExchange exchange,
      String connection,
      Set<String> groups,
      InputStream body,
      boolean eventStream,
      UpstreamTarget target)
      throws java.io.IOException {
    if (eventStream) {
      return new StreamedToolCallGuard(
          body,
          call -> judge.refusal(connection, call, groups),
          (call, refusal) -> {
            exchange.recordRuleHit(
                new RuleHit(refusal.ruleId(), "BLOCK", "answer:tool:" + call.name()));
            exchange.cutByGateway(refusal.reason());
            inventory.called(connection, call.name(), true);
          });
    }
    byte[] whole;
    try (InputStream in = body) {
      long limit = Math.min(target.maxResponseBytes(), WHOLE_ANSWER_LIMIT);
      whole = in.readNBytes((int) limit + 1);
      if (whole.length > limit) {
        throw GatewayRefusal.upstreamError(
            502,
            "answer_too_large_to_judge",
            "The answer is too large for its tool calls to be judged; it was not relayed.",
            null);
      }
    }
    for (ToolCall call :
        OpenAiResponseReader.toolCalls(new String(whole, StandardCharsets.UTF_8), false)) {
      ToolJudge.Refusal refusal = judge.refusal(connection, call, groups);
      if (refusal != null) {
        exchange.recordRuleHit(
            new RuleHit(refusal.ruleId(), "BLOCK", "answer:tool:" + call.name()));
        throw new GatewayRefusal(403, refusal.reason(), refusal.message(), Decision.BLOCKED);
      }
    }
    return new java.io.ByteArrayInputStream(whole);
  }

  /**
   * Whether an MCP answer may carry a tool list: the answer to {@code tools/list}, to a JSON-RPC
   * batch (which may hold one anywhere), or the server-to-client stream ({@code GET}), on which a
   * resumed session replays earlier answers.
   */
  private static boolean mayListTools(
      ProxyExchange exchange,
      UpstreamTarget target,
      AgentFacts facts,
      boolean jsonRpc,
      boolean eventStream) {
    if (!jsonRpc) {
      return eventStream && exchange.method().equals("GET");
    }
    if ("tools/list".equals(facts.mcpMethod())) {
      return true;
    }
    for (byte b : exchange.body(target.maxRequestBytes())) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '[';
      }
    }
    return false;
  }

  /**
   * A {@code tools/call} of a quarantined tool never reaches the backend: its definition changed
   * since it was pinned, and no admin has accepted the new one. Answered like a denied call (a
   * JSON-RPC error in an HTTP 200); when the inventory cannot be read, refused too (fail closed).
   */
  private void refuseQuarantinedCalls(String connection, AgentFacts facts) {
    if (facts.protocol() != AgentProtocol.MCP) {
      return;
    }
    for (ToolCall call : facts.toolCalls()) {
      boolean quarantined;
      try {
        quarantined = inventory.quarantined(connection, call.name());
      } catch (SQLException e) {
        throw GatewayRefusal.upstreamError(
                503,
                "store_unavailable",
                "The tool inventory cannot be read; the call was not forwarded.",
                e)
            .answeredAsJsonRpc(REFUSED_BY_GATEWAY, facts.jsonRpcId());
      }
      if (quarantined) {
        inventory.called(connection, call.name(), true);
        throw GatewayRefusal.refused(
                403,
                "tool_quarantined",
                "The tool "
                    + call.name()
                    + " is quarantined: its definition changed since it was pinned, and an admin"
                    + " must accept the new one before it can be called.")
            .answeredAsJsonRpc(REFUSED_BY_GATEWAY, facts.jsonRpcId())
            .answeredInBand();
      }
    }
  }

  private static void answered(ProxyExchange exchange, AgentAnswer answer) {
    if (!answer.isEmpty()) {
      exchange.attach(AgentAnswer.class, answer);
    }
  }

  /** The protocol a request is read as: the connection's setting, or recognised per request. */
  private static AgentProtocol protocolOf(ProxyExchange exchange, UpstreamTarget target) {
    return switch (target.agent().protocol()) {
      case HTTP -> AgentProtocol.HTTP;
      case OPENAI -> AgentProtocol.OPENAI;
      case MCP -> AgentProtocol.MCP;
      case AUTO -> {
        String contentType = exchange.header("content-type");
        yield ProtocolRecognizer.recognize(
            exchange.method(),
            exchange.path(),
            contentType,
            exchange.header("mcp-method") != null
                || exchange.header("mcp-protocol-version") != null,
            ProtocolRecognizer.needsBody(exchange.method(), contentType)
                ? exchange.body(target.maxRequestBytes())
                : null);
      }
    };
  }

  private static boolean isEventStream(ProxyResponse response) {
    List<String> types = response.headers().getOrDefault("content-type", List.of());
    return !types.isEmpty()
        && types.get(0).strip().toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }

  private static AgentFacts read(
      AgentProtocol protocol, ProxyExchange exchange, UpstreamTarget target) {
    return switch (protocol) {
      case HTTP -> AgentFacts.HTTP;
      case OPENAI ->
          hasBody(exchange)
              ? OpenAiRequestReader.read(text(exchange.body(target.maxRequestBytes())))
              : new AgentFacts(AgentProtocol.OPENAI, null, null, null, List.of(), List.of(), null);
      case MCP ->
          switch (exchange.method()) {
            case "POST" ->
                McpRequestReader.read(
                    text(exchange.body(target.maxRequestBytes())),
                    exchange.header("mcp-protocol-version"),
                    exchange.header("mcp-method"),
                    exchange.header("mcp-name"),
                    exchange.header("mcp-session-id"));
            case "GET", "DELETE" ->
                new AgentFacts(
                    AgentProtocol.MCP,
                    null,
                    null,
                    exchange.header("mcp-session-id"),
                    List.of(),
                    List.of(),
                    null);
            default ->
                // Streamable HTTP has no other method: nothing else is forwarded to an MCP server.
                throw new AgentRequestRefused(
                    "mcp_method_not_allowed",
                    "MCP over Streamable HTTP uses POST, GET and DELETE only.",
                    AgentRequestRefused.INVALID_REQUEST,
                    null);
          };
    };
  }

  /**
   * Whether a request carries a body to read: any method but GET, HEAD, DELETE and OPTIONS, or any
   * request that says it has one.
   */
  private static boolean hasBody(ProxyExchange exchange) {
    return switch (exchange.method()) {
      case "GET", "HEAD", "DELETE", "OPTIONS" ->
          exchange.header("content-length") != null
                  && !"0".equals(exchange.header("content-length").strip())
              || exchange.header("transfer-encoding") != null;
      default -> true;
    };
  }

  /** The body as strict UTF-8 (JSON's only encoding on the wire, RFC 8259 §8.1). */
  private static String text(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AgentRequestRefused(
          "agent_body_not_utf8",
          "The request body is not UTF-8.",
          AgentRequestRefused.PARSE_ERROR,
          null);
    }
  }
}
