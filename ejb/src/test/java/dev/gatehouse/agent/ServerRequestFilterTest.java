package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.RuleHit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerRequestFilterTest {

  private static final String NOTIFICATION =
      "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
          + "\"params\":{\"level\":\"info\",\"data\":\"working\"}}\n\n";

  private static final String SAMPLING =
      "id: 7\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":0,"
          + "\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[],\"maxTokens\":5}}\n\n";

  private static final String ELICITATION =
      "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":\"e1\",\"method\":\"elicitation/create\","
          + "\"params\":{\"message\":\"Your password?\",\"requestedSchema\":{}}}\n\n";

  private static final String ROOTS =
      "data: {\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"roots/list\"}\n\n";

  private static final String PING = "data: {\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}\n\n";

  private static final String RESULT =
      "id: 8\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":2,"
          + "\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}}\n\n";

  private static final int[] CHUNKS = {1, 2, 3, 7, 64, 8192};

  private static ProxyExchange exchange() {
    return ProxyExchange.builder().connectionName("c").method("POST").path("/mcp").build();
  }

  private static InputStream chunked(String body, int chunk) {
    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  private static String filter(String stream, int chunk, ProxyExchange exchange)
      throws IOException {
    try (InputStream in = new ServerRequestFilter(chunked(stream, chunk), exchange)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> blocked(ProxyExchange exchange) {
    return exchange.ruleHits().stream()
        .peek(hit -> assertThat(hit.action()).isEqualTo("BLOCK"))
        .peek(hit -> assertThat(hit.ruleId()).isNull())
        .map(RuleHit::where)
        .toList();
  }

  @Test
  void dropsTheServersRequestsAndPassesEverythingElseByteForByteAtEveryChunking()
      throws IOException {
    String stream = NOTIFICATION + SAMPLING + ELICITATION + PING + ROOTS + RESULT;
    for (int chunk : CHUNKS) {
      ProxyExchange exchange = exchange();
      String out = filter(stream, chunk, exchange);
      assertThat(out)
          .as("chunk %d", chunk)
          // The dropped sampling event keeps its id: line, so a resumed stream goes on from there.
          .isEqualTo(NOTIFICATION + "id: 7\n\n" + PING + RESULT);
      assertThat(blocked(exchange))
          .as("chunk %d", chunk)
          .containsExactly(
              "mcp:server-request:sampling/createMessage",
              "mcp:server-request:elicitation/create",
              "mcp:server-request:roots/list");
    }
  }

  @Test
  void aStreamWithoutRequestsPassesUnchanged() throws IOException {
    String stream = ": keep-alive\n\n" + NOTIFICATION + "retry: 1000\n\n" + PING + RESULT;
    for (int chunk : CHUNKS) {
      ProxyExchange exchange = exchange();
      assertThat(filter(stream, chunk, exchange)).isEqualTo(stream);
      assertThat(exchange.ruleHits()).isEmpty();
    }
  }

  @Test
  void everyLineEndCountsAndTheEndOfADroppedEventGoesWithIt() throws IOException {
    String request = "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sampling/createMessage\"}";
    String notification = "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}";
    for (String end : new String[] {"\n", "\r\n", "\r"}) {
      String stream =
          notification
              + end
              + end
              + request
              + end
              + end
              + notification
              + end
              + end
              + "id: 5"
              + end
              + request
              + end
              + end;
      String expected = notification + end + end + notification + end + end + "id: 5" + end + end;
      for (int chunk : CHUNKS) {
        ProxyExchange exchange = exchange();
        assertThat(filter(stream, chunk, exchange))
            .as("line end %s, chunk %d", end.replace("\r", "CR").replace("\n", "LF"), chunk)
            .isEqualTo(expected);
        assertThat(blocked(exchange)).hasSize(2);
      }
    }
  }

  @Test
  void handsOnEachEventAsItArrivesWithoutWaitingForTheNext() throws IOException {
    byte[] first = NOTIFICATION.getBytes(StandardCharsets.UTF_8);
    byte[] second = SAMPLING.getBytes(StandardCharsets.UTF_8);
    InputStream stalling =
        new InputStream() {
          private int at;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (at < first.length) {
              b[off] = first[at++];
              return 1;
            }
            if (at < first.length + second.length) {
              throw new AssertionError("read past the first event before handing it on");
            }
            return -1;
          }
        };
    ServerRequestFilter filter = new ServerRequestFilter(stalling, exchange());
    byte[] got = filter.readNBytes(first.length);
    assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo(NOTIFICATION);
  }

  @Test
  void aRequestWithAnyIdIsARequestButANotificationPasses() throws IOException {
    String nullId = "data: {\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"elicitation/create\"}\n\n";
    String notification =
        "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/elicitation/complete\"}\n\n";
    ProxyExchange exchange = exchange();
    assertThat(filter(nullId + notification, 3, exchange)).isEqualTo(notification);
    assertThat(blocked(exchange)).containsExactly("mcp:server-request:elicitation/create");
  }

  @Test
  void dataOverSeveralLinesIsOneMessage() throws IOException {
    String split =
        "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":9,\ndata: \"method\":"
            + "\"sampling/createMessage\"}\n\n";
    ProxyExchange exchange = exchange();
    assertThat(filter(split + RESULT, 5, exchange)).isEqualTo(RESULT);
    assertThat(blocked(exchange)).containsExactly("mcp:server-request:sampling/createMessage");
  }

  @Test
  void aBatchLosesOnlyItsRequests() throws IOException {
    String batch =
        "id: 3\ndata: [{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sampling/createMessage\"},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}]\n\n";
    ProxyExchange exchange = exchange();
    String out = filter(batch, 4, exchange);
    assertThat(out)
        .isEqualTo(
            "id: 3\ndata: [{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}]\n\n");
    assertThat(blocked(exchange)).containsExactly("mcp:server-request:sampling/createMessage");

    ProxyExchange onlyRequests = exchange();
    assertThat(
            filter(
                "data: [{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"roots/list\"}]\n\n" + PING,
                2,
                onlyRequests))
        .isEqualTo(PING);
    assertThat(blocked(onlyRequests)).containsExactly("mcp:server-request:roots/list");
  }

  @Test
  void whatCannotBeParsedButNamesAMethodIsDropped() throws IOException {
    // Jackson reads the first value and ignores the rest: a client would take this for a request.
    String trailing =
        "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sampling/createMessage\"} x\n\n";
    String second =
        "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}"
            + " {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sampling/createMessage\"}\n\n";
    String escaped =
        "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"\\u006dethod\":\"sampling/createMessage\",}\n\n";
    String garbage = "data: not json at all\n\n";
    ProxyExchange exchange = exchange();
    assertThat(filter(trailing + second + escaped + garbage + RESULT, 1, exchange))
        .isEqualTo(garbage + RESULT);
    assertThat(blocked(exchange))
        .hasSize(3)
        .allMatch(where -> where.equals("mcp:server-request:(unreadable)"));
  }

  @Test
  void anEscapedMethodNameIsReadAsTheClientReadsIt() throws IOException {
    String escaped =
        "data: {\"jsonrpc\":\"2.0\",\"\\u0069d\":1,\"\\u006dethod\":\"sampling/createMessage\"}\n\n";
    ProxyExchange exchange = exchange();
    assertThat(filter(escaped + RESULT, 3, exchange)).isEqualTo(RESULT);
    assertThat(blocked(exchange)).containsExactly("mcp:server-request:sampling/createMessage");
  }

  @Test
  void aPingThatNamesAMethodTwiceIsDropped() throws IOException {
    // A client that keeps the first of duplicate keys would read sampling/createMessage.
    String twice =
        "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sampling/createMessage\","
            + "\"method\":\"ping\"}\n\n";
    ProxyExchange exchange = exchange();
    assertThat(filter(twice + PING, 2, exchange)).isEqualTo(PING);
    assertThat(blocked(exchange)).hasSize(1);
  }

  @Test
  void anUnfinishedLastEventIsJudgedToo() throws IOException {
    String unfinished = "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"roots/list\"}";
    ProxyExchange exchange = exchange();
    assertThat(filter(NOTIFICATION + unfinished, 4, exchange)).isEqualTo(NOTIFICATION);
    assertThat(blocked(exchange)).containsExactly("mcp:server-request:roots/list");

    String partial = "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}\n";
    assertThat(filter(NOTIFICATION + partial, 4, exchange())).isEqualTo(NOTIFICATION + partial);
  }

  @Test
  void recordsAtMostSoManyHitsAndThenSaysThereWereMore() throws IOException {
    String stream = ROOTS.repeat(ServerRequestFilter.MAX_RECORDED + 10) + RESULT;
    ProxyExchange exchange = exchange();
    assertThat(filter(stream, 8192, exchange)).isEqualTo(RESULT);
    List<String> hits = blocked(exchange);
    assertThat(hits).hasSize(ServerRequestFilter.MAX_RECORDED + 1);
    assertThat(hits.get(hits.size() - 1)).isEqualTo("mcp:server-request:(more, not recorded)");
  }

  @Test
  void anEventTooLargeToJudgeEndsTheRelay() {
    String huge = "data: \"" + "x".repeat(ServerRequestFilter.MAX_EVENT_BYTES) + "\"\n\n";
    assertThatThrownBy(() -> filter(huge, 8192, exchange())).isInstanceOf(IOException.class);
  }

  @Test
  void multiByteCharactersSurviveAnyChunking() throws IOException {
    String text =
        "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"x\":\"é€😀\"}\n\n";
    for (int chunk : CHUNKS) {
      assertThat(filter(text + ROOTS + text, chunk, exchange())).isEqualTo(text + text);
    }
  }

  @Test
  void aByteOrderMarkOrABlankBeforeTheFieldNameHidesNoRequest() throws IOException {
    String marked = "\uFEFFdata: {\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"roots/list\"}\n\n";
    String indented = "  " + SAMPLING.substring(SAMPLING.indexOf("data:"));
    ProxyExchange exchange = exchange();
    assertThat(filter(marked + indented + RESULT, 1, exchange)).isEqualTo(RESULT);
    assertThat(blocked(exchange))
        .containsExactly(
            "mcp:server-request:roots/list", "mcp:server-request:sampling/createMessage");
  }
}
