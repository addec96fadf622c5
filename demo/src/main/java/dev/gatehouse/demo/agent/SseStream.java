package dev.gatehouse.demo.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A chunked {@code text/event-stream} response whose events are flushed one at a time. Flushing
 * each event is the point: it lets tests verify that the gateway streams rather than buffers.
 */
final class SseStream {

  private final OutputStream out;

  private SseStream(OutputStream out) {
    this.out = out;
  }

  static SseStream open(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    return new SseStream(exchange.getResponseBody());
  }

  /** Sends one {@code data:} event; {@code data} must be a single line. */
  void send(String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Sends the OpenAI end-of-stream marker and ends the chunked body. */
  void finish() throws IOException {
    send("[DONE]");
    out.close();
  }
}
