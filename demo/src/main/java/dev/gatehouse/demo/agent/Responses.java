package dev.gatehouse.demo.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Response helpers that get the JDK server's length conventions right: {@code -1} for no body,
 * {@code 0} would mean chunked, and HEAD, 204 and 304 responses must not carry a body.
 */
final class Responses {

  static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", JSON);
    send(exchange, status, AgentJson.write(body));
  }

  static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    json(exchange, status, errorBody(type, message));
  }

  static Map<String, Object> errorBody(String type, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    error.put("message", message);
    return Map.of("error", error);
  }

  static void noContent(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(204, -1);
  }

  static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (!mayHaveBody(exchange, status) || body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static boolean mayHaveBody(HttpExchange exchange, int status) {
    return !exchange.getRequestMethod().equals("HEAD") && status != 204 && status != 304;
  }

  /**
   * True once the status line has been sent and an error can no longer be reported. Before that the
   * JDK's exchange reports -1 and Jetty's (which serves the agent) 0.
   */
  static boolean headersSent(HttpExchange exchange) {
    return exchange.getResponseCode() > 0;
  }
}
