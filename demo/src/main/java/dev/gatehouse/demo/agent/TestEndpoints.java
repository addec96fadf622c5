package dev.gatehouse.demo.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Endpoints under {@code /test/} that exist only so integration tests can observe the gateway: what
 * it forwarded (echo, received log), how it handles slowness, statuses, redirects, streams and
 * large bodies, and an MCP tool redefined at run time. Enabled only by {@code --test-endpoints};
 * still credential-protected.
 */
final class TestEndpoints {

  static final String PREFIX = "/test";
  static final long MAX_SLEEP_MILLIS = 300_000;
  static final long MAX_LARGE_BYTES = 1L << 30;
  static final long MAX_JSON_BYTES = 1L << 20;
  static final String REDIRECT_LOCATION = "https://example.invalid/elsewhere";

  private static final int LARGE_BLOCK_SIZE = 64 * 1024;
  private static final int MAX_STREAM_TEXT = 64 * 1024;

  static final int MAX_TOOL_DESCRIPTION_CHARS = 64 * 1024;

  private final ReceivedRequests received;
  private final ChangingTool changingTool;

  TestEndpoints(ReceivedRequests received, ChangingTool changingTool) {
    this.received = received;
    this.changingTool = changingTool;
  }

  static boolean handles(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  void handle(AgentRequest request) throws IOException {
    String path = request.path();
    if (path.equals("/test/echo") || path.startsWith("/test/echo/")) {
      echo(request);
    } else if (path.equals("/test/slow")) {
      request.requireMethod("GET");
      slow(request);
    } else if (path.startsWith("/test/status/")) {
      request.requireMethod("GET");
      status(request, path.substring("/test/status/".length()));
    } else if (path.equals("/test/sse")) {
      request.requireMethod("GET");
      serverSentEvents(request);
    } else if (path.equals("/test/received")) {
      request.requireMethod("GET", "DELETE");
      receivedRequests(request);
    } else if (path.equals("/test/large")) {
      request.requireMethod("GET");
      large(request);
    } else if (path.equals("/test/json")) {
      request.requireMethod("GET", "POST");
      json(request);
    } else if (path.equals("/test/mcp-tool-description")) {
      request.requireMethod("GET", "POST", "DELETE");
      mcpToolDescription(request);
    } else {
      throw RequestRejected.notFound("No such test endpoint: " + path);
    }
  }

  private static void echo(AgentRequest request) throws IOException {
    Map<String, Object> echo = new LinkedHashMap<>();
    echo.put("method", request.method());
    echo.put("path", request.rawPath());
    echo.put("query", request.rawQuery());
    echo.put("headers", request.headersWithoutAuthorization());
    echo.put("authorizationCheck", request.authorization().label());
    echo.put("body", new String(request.body(), StandardCharsets.UTF_8));
    echo.put("bodyLength", request.body().length);
    Responses.json(request.exchange(), 200, echo);
  }

  private static void slow(AgentRequest request) throws IOException {
    long millis = request.query().longValue("ms", 1000, 0, MAX_SLEEP_MILLIS);
    Pause.millis(millis);
    Responses.json(request.exchange(), 200, Map.of("sleptMillis", millis));
  }

  private static void status(AgentRequest request, String codeText) throws IOException {
    int code;
    try {
      code = Integer.parseInt(codeText);
    } catch (NumberFormatException e) {
      throw RequestRejected.invalidRequest("Status must be a number: " + codeText);
    }
    if (code < 200 || code > 599) {
      throw RequestRejected.invalidRequest("Status must be between 200 and 599");
    }
    HttpExchange exchange = request.exchange();
    if (code >= 300 && code < 400) {
      exchange.getResponseHeaders().set("Location", REDIRECT_LOCATION);
    }
    Responses.json(exchange, code, Map.of("status", code));
  }

  /**
   * Events carry {@code seq} 1..N and the server's {@code System.nanoTime()} when sent; with {@code
   * text=T&chunk=N} they are instead OpenAI {@code chat.completion.chunk}s whose deltas are T cut
   * into pieces of N characters, so a test can have any text (a key, say) split across events.
   */
  private static void serverSentEvents(AgentRequest request) throws IOException {
    QueryParameters query = request.query();
    String text = query.stringValue("text");
    if (text != null) {
      streamText(request, text, query.longValue("chunk", 4, 1, 10_000), query);
      return;
    }
    long events = query.longValue("events", 5, 0, 10_000);
    long delayMillis = query.longValue("delayMs", 100, 0, 60_000);
    SseStream stream = SseStream.open(request.exchange());
    for (long seq = 1; seq <= events; seq++) {
      if (seq > 1) {
        Pause.millis(delayMillis);
      }
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("seq", seq);
      event.put("sentAtNanos", System.nanoTime());
      stream.send(event);
    }
    stream.finish();
  }

  private static void streamText(
      AgentRequest request, String text, long chunk, QueryParameters query) throws IOException {
    if (text.length() > MAX_STREAM_TEXT) {
      throw RequestRejected.invalidRequest("Query parameter 'text' is too long");
    }
    long delayMillis = query.longValue("delayMs", 0, 0, 60_000);
    SseStream stream = SseStream.open(request.exchange());
    for (int start = 0; start < text.length(); start += (int) chunk) {
      if (start > 0) {
        Pause.millis(delayMillis);
      }
      String piece = text.substring(start, (int) Math.min(text.length(), start + chunk));
      Map<String, Object> delta = new LinkedHashMap<>();
      delta.put("content", piece);
      Map<String, Object> choice = new LinkedHashMap<>();
      choice.put("index", 0);
      choice.put("delta", delta);
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("object", "chat.completion.chunk");
      event.put("choices", List.of(choice));
      stream.send(event);
    }
    stream.finish();
  }

  /**
   * The MCP tool {@code weather_report}: {@code POST {"description": "..."}} defines or redefines
   * it (a "rug pull" under the same name), {@code DELETE} removes it; each answers, as {@code GET}
   * does, {@code {tool, description, calls}}.
   */
  private void mcpToolDescription(AgentRequest request) throws IOException {
    switch (request.method()) {
      case "POST" -> {
        if (!(request.jsonBody() instanceof Map<?, ?> body)
            || !(body.get("description") instanceof String description)
            || description.isBlank()
            || description.length() > MAX_TOOL_DESCRIPTION_CHARS) {
          throw RequestRejected.invalidRequest(
              "The body must be {\"description\": \"...\"}, a non-blank text of at most "
                  + MAX_TOOL_DESCRIPTION_CHARS
                  + " characters");
        }
        changingTool.describe(description);
      }
      case "DELETE" -> changingTool.remove();
      default -> {}
    }
    Responses.json(request.exchange(), 200, changingTool.state());
  }

  private void receivedRequests(AgentRequest request) throws IOException {
    if (request.method().equals("DELETE")) {
      received.clear();
      Responses.noContent(request.exchange());
      return;
    }
    List<Map<String, Object>> log = new ArrayList<>();
    for (ReceivedRequest entry : received.snapshot()) {
      log.add(entry.toJson());
    }
    Responses.json(request.exchange(), 200, log);
  }

  /**
   * A JSON answer of exactly {@code bytes} bytes (default 2048) of plain prose, naming how many
   * request bytes arrived: the benchmark's fixed-size response (bench/run), for GET and POST alike.
   */
  private static void json(AgentRequest request) throws IOException {
    int size = (int) request.query().longValue("bytes", 2048, 0, MAX_JSON_BYTES);
    String head =
        "{\"object\":\"bench.answer\",\"received\":" + request.body().length + ",\"text\":\"";
    String tail = "\"}";
    StringBuilder text = new StringBuilder(size);
    while (text.length() < size - head.length() - tail.length()) {
      text.append(PROSE);
    }
    text.setLength(Math.max(0, size - head.length() - tail.length()));
    HttpExchange exchange = request.exchange();
    exchange.getResponseHeaders().set("Content-Type", Responses.JSON);
    Responses.send(exchange, 200, (head + text + tail).getBytes(StandardCharsets.UTF_8));
  }

  private static final String PROSE =
      "Thought: the user asks for a summary of the quarterly report. Action: read the document,"
          + " list the main figures and explain the trend in plain words. Observation: revenue"
          + " grew while costs stayed flat, so the margin improved. ";

  private static void large(AgentRequest request) throws IOException {
    long size = request.query().longValue("bytes", 1024, 0, MAX_LARGE_BYTES);
    HttpExchange exchange = request.exchange();
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (size == 0 || !Responses.mayHaveBody(exchange, 200)) {
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    exchange.sendResponseHeaders(200, size);
    byte[] block = new byte[LARGE_BLOCK_SIZE];
    Arrays.fill(block, (byte) 'a');
    try (OutputStream out = exchange.getResponseBody()) {
      for (long remaining = size; remaining > 0; remaining -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, remaining));
      }
    }
  }
}
