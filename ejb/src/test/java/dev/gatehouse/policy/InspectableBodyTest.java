package dev.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.exchange.GatewayRefusal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InspectableBodyTest {

  private static final String ATTACK = "{\"tool\":\"shell\",\"cmd\":\"rm -rf /\"}";

  private static Optional<String> reason(Map<String, List<String>> headers, byte[] body) {
    return InspectableBody.refusal(headers, body).map(GatewayRefusal::reason);
  }

  private static Map<String, List<String>> json() {
    return Map.of("content-type", List.of("application/json"));
  }

  @Test
  void acceptsStrictUtf8WithADeclaredType() {
    assertThat(reason(json(), ATTACK.getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(
            reason(
                Map.of("content-type", List.of("text/plain; charset=\"UTF-8\"")),
                "grüße".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(reason(Map.of(), new byte[0])).isEmpty();
  }

  @Test
  void refusesUtf16WithoutAType() {
    assertThat(reason(Map.of(), ATTACK.getBytes(StandardCharsets.UTF_16LE)))
        .contains("content_type_required");
  }

  @Test
  void refusesUtf16UnderADeclaredType() {
    assertThat(reason(json(), ATTACK.getBytes(StandardCharsets.UTF_16LE))).contains("body_has_nul");
    // Java's UTF-16 encoder writes a big-endian byte order mark first.
    assertThat(reason(json(), ATTACK.getBytes(StandardCharsets.UTF_16))).contains("body_has_bom");
  }

  @Test
  void refusesAUtf8ByteOrderMark() {
    byte[] body = ("\uFEFF" + ATTACK).getBytes(StandardCharsets.UTF_8);
    assertThat(reason(json(), body)).contains("body_has_bom");
  }

  @Test
  void refusesMalformedAndOverlongUtf8() {
    assertThat(reason(json(), new byte[] {'{', (byte) 0xc0, (byte) 0xaf, '}'}))
        .contains("body_not_utf8");
    assertThat(reason(json(), new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}))
        .contains("body_not_utf8");
  }

  @Test
  void refusesAnotherCharsetAContentCodingAndTwoTypes() {
    assertThat(
            reason(
                Map.of("content-type", List.of("application/json; charset=utf-16le")),
                ATTACK.getBytes(StandardCharsets.UTF_8)))
        .contains("unsupported_charset");
    assertThat(
            reason(
                Map.of(
                    "content-type", List.of("application/json"),
                    "content-encoding", List.of("gzip")),
                ATTACK.getBytes(StandardCharsets.UTF_8)))
        .contains("content_encoding_refused");
    assertThat(
            reason(
                Map.of("content-type", List.of("text/plain", "application/json")),
                ATTACK.getBytes(StandardCharsets.UTF_8)))
        .contains("ambiguous_content_type");
  }
}
