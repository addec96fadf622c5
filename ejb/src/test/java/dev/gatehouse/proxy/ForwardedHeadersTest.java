package dev.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

  private static Map<String, List<String>> forwardedToBackend(Map<String, List<String>> in) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    ForwardedHeaders.towardsBackend(
        in,
        (n, v) -> out.computeIfAbsent(n.toLowerCase(), k -> new java.util.ArrayList<>()).add(v));
    return out;
  }

  @Test
  void neverForwardsTheCallersCredentials() {
    Map<String, List<String>> out =
        forwardedToBackend(
            Map.of(
                "Authorization", List.of("Bearer caller-token"),
                "Proxy-Authorization", List.of("Basic x"),
                "Accept", List.of("application/json")));
    assertThat(out).containsOnlyKeys("accept");
  }

  @Test
  void dropsHopByHopAndConnectionListedHeaders() {
    Map<String, List<String>> out =
        forwardedToBackend(
            Map.of(
                "connection", List.of("close, X-Secret-Hop"),
                "x-secret-hop", List.of("1"),
                "transfer-encoding", List.of("chunked"),
                "te", List.of("trailers"),
                "upgrade", List.of("websocket"),
                "host", List.of("evil.example"),
                "content-length", List.of("5"),
                "x-custom", List.of("kept")));
    assertThat(out).containsOnlyKeys("x-custom");
  }

  @Test
  void dropsGatewayControlHeaders() {
    assertThat(forwardedToBackend(Map.of("Gatehouse-Approval", List.of("abc")))).isEmpty();
  }

  @Test
  void relaysEndToEndResponseHeadersButNotLengthOrHopByHop() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    ForwardedHeaders.towardsCaller(
        Map.of(
            "Content-Type", List.of("text/event-stream"),
            "Content-Length", List.of("10"),
            "Keep-Alive", List.of("timeout=5"),
            "X-Request-Id", List.of("r1")),
        (n, v) -> out.put(n, List.of(v)));
    assertThat(out).containsOnlyKeys("content-type", "x-request-id");
  }

  @Test
  void dropsCallerSuppliedForwardingFactsAndMethodOverrides() {
    Map<String, List<String>> in = new LinkedHashMap<>();
    for (String name :
        List.of(
            "X-Forwarded-Host",
            "X-Forwarded-Port",
            "X-Forwarded-Prefix",
            "X-Forwarded-Proto",
            "X-Real-IP",
            "True-Client-IP",
            "X-Original-URL",
            "X-Rewrite-URL",
            "X-HTTP-Method-Override",
            "X-HTTP-Method",
            "X-Method-Override")) {
      in.put(name, List.of("spoofed"));
    }
    in.put("X-Custom", List.of("kept"));
    assertThat(forwardedToBackend(in)).containsOnlyKeys("x-custom");
  }

  @Test
  void dropsHeadersTheConnectionHeaderNames() {
    assertThat(
            forwardedToBackend(
                Map.of(
                    "Connection", List.of("close, X-Secret-Hop"),
                    "X-Secret-Hop", List.of("1"),
                    "X-Custom", List.of("kept"))))
        .containsOnlyKeys("x-custom");
  }

  @Test
  void keepsWhatWouldActOnTheGatewaysOriginFromTheCaller() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    ForwardedHeaders.towardsCaller(
        Map.of(
            "Set-Cookie", List.of("JSESSIONID=evil; Path=/console"),
            "Strict-Transport-Security", List.of("max-age=0"),
            "Access-Control-Allow-Origin", List.of("*"),
            "Access-Control-Allow-Credentials", List.of("true"),
            "Gatehouse-Audit-Id", List.of("forged"),
            "Content-Type", List.of("application/json")),
        (n, v) -> out.put(n, List.of(v)));
    assertThat(out).containsOnlyKeys("content-type");
  }
}
