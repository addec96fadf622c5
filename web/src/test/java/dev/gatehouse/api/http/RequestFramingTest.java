package dev.gatehouse.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestFramingTest {

  private static Map<String, List<String>> headers(String... nameValue) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      map.computeIfAbsent(nameValue[i], n -> new java.util.ArrayList<>()).add(nameValue[i + 1]);
    }
    return map;
  }

  private static String reason(Map<String, List<String>> headers) {
    return RequestFraming.judge(30, headers, 16384)
        .map(RequestFraming.Refusal::reason)
        .orElse("accepted");
  }

  @Test
  void acceptsOrdinaryFraming() {
    assertThat(reason(headers("Host", "x", "Content-Length", "5"))).isEqualTo("accepted");
    assertThat(reason(headers("Transfer-Encoding", "chunked"))).isEqualTo("accepted");
    assertThat(reason(headers("transfer-encoding", " Chunked "))).isEqualTo("accepted");
  }

  @Test
  void refusesContentLengthWithTransferEncoding() {
    assertThat(reason(headers("Content-Length", "6", "Transfer-Encoding", "chunked")))
        .isEqualTo("ambiguous_framing");
  }

  @Test
  void refusesRepeatedContentLength() {
    assertThat(reason(headers("Content-Length", "5", "Content-Length", "5")))
        .isEqualTo("ambiguous_framing");
    assertThat(reason(headers("Content-Length", "5, 5"))).isEqualTo("ambiguous_framing");
  }

  @Test
  void refusesTransferCodingsOtherThanChunked() {
    assertThat(reason(headers("Transfer-Encoding", "xchunked")))
        .isEqualTo("unsupported_transfer_encoding");
    assertThat(reason(headers("Transfer-Encoding", "gzip, chunked")))
        .isEqualTo("unsupported_transfer_encoding");
    assertThat(reason(headers("Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked")))
        .isEqualTo("unsupported_transfer_encoding");
  }

  @Test
  void refusesAHeaderBlockOverTheBoundWith431() {
    var refusal = RequestFraming.judge(30, headers("X-Big", "a".repeat(20_000)), 16384);

    assertThat(refusal).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(431));
    assertThat(RequestFraming.judge(30, headers("X-Big", "a".repeat(16_000)), 16384)).isEmpty();
  }

  @Test
  void closesTheConnectionAfterEveryChunkedRequest() {
    assertThat(RequestFraming.closesConnection(headers("transfer-encoding", "chunked"))).isTrue();
    assertThat(RequestFraming.closesConnection(headers("Content-Length", "5"))).isFalse();
  }
}
