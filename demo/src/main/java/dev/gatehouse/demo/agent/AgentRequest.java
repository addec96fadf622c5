package dev.gatehouse.demo.agent;

import com.sun.net.httpserver.HttpExchange;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;

/**
 * One received request with its body already read, so that it can be recorded, authenticated and
 * routed without each endpoint touching the raw exchange stream.
 */
final class AgentRequest {

  private final HttpExchange exchange;
  private final byte[] body;
  private final AuthorizationOutcome authorization;

  AgentRequest(HttpExchange exchange, byte[] body, AuthorizationOutcome authorization) {
    this.exchange = exchange;
    this.body = body;
    this.authorization = authorization;
  }

  HttpExchange exchange() {
    return exchange;
  }

  String method() {
    return exchange.getRequestMethod();
  }

  /** The decoded path, used for routing. */
  String path() {
    return exchange.getRequestURI().getPath();
  }

  String rawPath() {
    return exchange.getRequestURI().getRawPath();
  }

  /** The raw query string, or {@code null} when the request had none. */
  String rawQuery() {
    return exchange.getRequestURI().getRawQuery();
  }

  QueryParameters query() {
    return QueryParameters.parse(rawQuery());
  }

  byte[] body() {
    return body;
  }

  AuthorizationOutcome authorization() {
    return authorization;
  }

  /** Request headers keyed by lower-case name, never including {@code Authorization}. */
  Map<String, List<String>> headersWithoutAuthorization() {
    Map<String, List<String>> headers = new TreeMap<>();
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!name.equals("authorization")) {
        headers.computeIfAbsent(name, ignored -> new ArrayList<>()).addAll(header.getValue());
      }
    }
    return headers;
  }

  /** Rejects the request with 405 unless its method is one of {@code allowed}. */
  void requireMethod(String... allowed) {
    for (String method : allowed) {
      if (method.equals(method())) {
        return;
      }
    }
    throw RequestRejected.methodNotAllowed(String.join(", ", allowed));
  }

  /** Parses the body as strict UTF-8 JSON, rejecting anything else with 400. */
  Object jsonBody() {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw RequestRejected.invalidRequest("Request body is not valid UTF-8");
    }
    try {
      return AgentJson.read(text);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " at offset " + e.getLocation().getCharOffset();
      throw RequestRejected.invalidRequest("Malformed JSON: " + e.getOriginalMessage() + where);
    }
  }
}
