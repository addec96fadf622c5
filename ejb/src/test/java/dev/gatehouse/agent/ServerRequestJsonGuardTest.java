package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.RuleHit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerRequestJsonGuardTest {

  private static final int[] CHUNKS = {1, 2, 5, 8192};

  private static ProxyExchange exchange() {
    return ProxyExchange.builder().connectionName("c").method("POST").path("/mcp").build();
  }

  private static InputStream chunked(byte[] body, int chunk) {
    return new ByteArrayInputStream(body) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  private static String relay(String body, int chunk, ProxyExchange exchange) throws IOException {
    try (InputStream in =
        new ServerRequestJsonGuard(
            chunked(body.getBytes(StandardCharsets.UTF_8), chunk), exchange)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** What reached the caller before the relay ended. */
  private static String relayedBeforeTheEnd(byte[] body, int chunk, ProxyExchange exchange) {
    ByteArrayOutputStream relayed = new ByteArrayOutputStream();
    InputStream in = new ServerRequestJsonGuard(chunked(body, chunk), exchange);
    byte[] buffer = new byte[8192];
    assertThatThrownBy(
            () -> {
              for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                relayed.write(buffer, 0, n);
              }
            })
        .isInstanceOf(IOException.class);
    return relayed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void responsesNotificationsAndPingsPassByteForByte() throws IOException {
    String[] answers = {
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
          + "\"text\":\"a \\\"method\\\" and an \\\"id\\\"\"}],\"method\":\"nested is not a key\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"no\"}}",
      "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}]",
      "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}",
      "",
      "not json"
    };
    for (String answer : answers) {
      for (int chunk : CHUNKS) {
        ProxyExchange exchange = exchange();
        assertThat(relay(answer, chunk, exchange)).isEqualTo(answer);
        assertThat(exchange.ruleHits()).isEmpty();
      }
    }
  }

  @Test
  void aRequestIsNeverCompletedAndIsRecorded() {
    String request =
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"sampling/createMessage\",\"params\":"
            + "{\"messages\":[{\"role\":\"user\"}],\"maxTokens\":5}}";
    for (int chunk : CHUNKS) {
      ProxyExchange exchange = exchange();
      String relayed =
          relayedBeforeTheEnd(request.getBytes(StandardCharsets.UTF_8), chunk, exchange);
      assertThat(request).startsWith(relayed);
      assertThat(relayed).doesNotEndWith("}}");
      assertThat(exchange.ruleHits())
          .containsExactly(new RuleHit(null, "BLOCK", "mcp:server-request:sampling/createMessage"));
    }
  }

  @Test
  void findsRequestsInABatchAfterAnotherValueAndUnderEscapedNames() {
    String[] answers = {
      "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},"
          + "{\"id\":\"x\",\"method\":\"roots/list\",\"jsonrpc\":\"2.0\"}]",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}} "
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"roots/list\"}",
      "{\"jsonrpc\":\"2.0\",\"\\u0069d\":2,\"\\u006dethod\":\"roots\\/list\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"roots/list\"}"
    };
    for (String answer : answers) {
      ProxyExchange exchange = exchange();
      relayedBeforeTheEnd(answer.getBytes(StandardCharsets.UTF_8), 3, exchange);
      assertThat(exchange.ruleHits())
          .as(answer)
          .containsExactly(new RuleHit(null, "BLOCK", "mcp:server-request:roots/list"));
    }
  }

  @Test
  void aMethodThatIsNotAStringOrAPingNamedTwiceIsARequestToo() {
    ProxyExchange number = exchange();
    relayedBeforeTheEnd(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}".getBytes(StandardCharsets.UTF_8), 4, number);
    assertThat(number.ruleHits())
        .containsExactly(new RuleHit(null, "BLOCK", "mcp:server-request:(not a string)"));

    ProxyExchange twice = exchange();
    relayedBeforeTheEnd(
        "{\"id\":1,\"method\":\"elicitation/create\",\"method\":\"ping\"}"
            .getBytes(StandardCharsets.UTF_8),
        4,
        twice);
    assertThat(twice.ruleHits())
        .containsExactly(new RuleHit(null, "BLOCK", "mcp:server-request:ping"));
  }

  @Test
  void jsonInUtf16EndsTheRelay() {
    for (Charset wide : new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
      ProxyExchange exchange = exchange();
      relayedBeforeTheEnd(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"roots/list\"}".getBytes(wide),
          8192,
          exchange);
      assertThat(exchange.ruleHits())
          .containsExactly(new RuleHit(null, "BLOCK", "mcp:server-request:(unreadable)"));
    }
  }
}
