package dev.gatehouse.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class ToolResultCutterTest {

  private static final String LOG =
      "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
          + "\"params\":{\"level\":\"info\",\"data\":\"reading the configuration\"}}\n\n";
  private static final String RESULT =
      "event: message\nid: 2\ndata: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":"
          + "[{\"type\":\"text\",\"text\":\"openai_api_key=[SECRET] region=eu\"}]}}\n\n";
  private static final String CUT = "event: message\ndata: {\"cut\":true}\n\n";

  private final AtomicInteger cuts = new AtomicInteger();

  /** The stream as the caller reads it, the backend handing over {@code chunk(i)} bytes at a go. */
  private String cut(String stream, long limit, IntUnaryOperator chunk) throws IOException {
    AtomicInteger reads = new AtomicInteger();
    InputStream backend =
        new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk.applyAsInt(reads.getAndIncrement())));
          }
        };
    try (InputStream in =
        new ToolResultCutter(
            backend, limit, CUT.getBytes(StandardCharsets.UTF_8), cuts::incrementAndGet)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Every fixed chunk size from one byte to the whole stream, then irregular ones. */
  private void forEveryChunking(String stream, long limit, String expected, int expectedCuts)
      throws IOException {
    int length = stream.getBytes(StandardCharsets.UTF_8).length;
    for (int size = 1; size <= length + 1; size++) {
      int fixed = size;
      cuts.set(0);
      assertThat(cut(stream, limit, i -> fixed)).as("chunks of %d", size).isEqualTo(expected);
      assertThat(cuts).as("cuts with chunks of %d", size).hasValue(expectedCuts);
    }
    Random random = new Random(19);
    for (int run = 0; run < 200; run++) {
      cuts.set(0);
      assertThat(cut(stream, limit, i -> 1 + random.nextInt(40))).isEqualTo(expected);
      assertThat(cuts).hasValue(expectedCuts);
    }
  }

  @Test
  void anAnswerWithinTheLimitPassesByteForByte() throws IOException {
    String stream = LOG + RESULT;
    forEveryChunking(stream, stream.length(), stream, 0);
    forEveryChunking(stream, 1 << 20, stream, 0);
  }

  @Test
  void theEventThatWouldPassTheLimitIsNeverRelayedInPart() throws IOException {
    String stream = LOG + RESULT;
    forEveryChunking(stream, stream.length() - 1, LOG + CUT, 1);
    forEveryChunking(stream, LOG.length(), LOG + CUT, 1);
  }

  @Test
  void aFirstEventOverTheLimitLeavesOnlyTheError() throws IOException {
    forEveryChunking(LOG + RESULT, LOG.length() - 1, CUT, 1);
    forEveryChunking(LOG + RESULT, 1, CUT, 1);
  }

  @Test
  void crlfEventsAreCutAtTheirBoundariesToo() throws IOException {
    String log = LOG.replace("\n", "\r\n");
    String result = RESULT.replace("\n", "\r\n");
    forEveryChunking(log + result, log.length() + result.length() - 1, log + CUT, 1);
    forEveryChunking(log + result, log.length() + result.length(), log + result, 0);
  }

  @Test
  void aLastEventWithoutItsBlankLineIsHeldToTheLimitLikeAnyOther() throws IOException {
    String unterminated = RESULT.strip();
    forEveryChunking(
        LOG + unterminated, LOG.length() + unterminated.length(), LOG + unterminated, 0);
    forEveryChunking(LOG + unterminated, LOG.length() + unterminated.length() - 1, LOG + CUT, 1);
  }

  @Test
  void aHugeEventIsCutAsSoonAsItCannotFitNotWhenItEnds() throws IOException {
    AtomicInteger served = new AtomicInteger();
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            served.incrementAndGet();
            return served.get() <= 6 ? "data: ".charAt(served.get() - 1) : 'x';
          }
        };
    try (InputStream in =
        new ToolResultCutter(
            endless, 100_000, CUT.getBytes(StandardCharsets.UTF_8), cuts::incrementAndGet)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CUT);
    }
    assertThat(served.get()).isLessThan(100_000 + 8192 + 1);
    assertThat(cuts).hasValue(1);
  }
}
