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

  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

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

  /** Sends {@code event} as JSON in one {@code data:} event (compact JSON is one line). */
  void send(Object event) throws IOException {
    sendData(AgentJson.write(event));
  }

  /** Sends the OpenAI end-of-stream marker and ends the chunked body. */
  void finish() throws IOException {
    sendData("[DONE]".getBytes(StandardCharsets.US_ASCII));
    out.close();
  }

  private void sendData(byte[] data) throws IOException {
    out.write(DATA);
    out.write(data);
    out.write(END_OF_EVENT);
    out.flush();
  }
}
