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

  // --- the canonical form an approval is bound to ---

  private static String canonical(Map<String, List<String>> headers) {
    return ForwardedHeaders.canonicalTowardsBackend(headers, "X-Api-Key");
  }

  @Test
  void theCanonicalFormSortsLowerCasedNamesAndKeepsTheOrderOfValues() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-B", List.of("2", "1"));
    headers.put("Content-Type", List.of("application/json"));

    assertThat(canonical(headers))
        .isEqualTo("12:content-type=16:application/json;3:x-b=1:2;3:x-b=1:1;");
    assertThat(canonical(Map.of("x-b", List.of("1", "2"))))
        .isNotEqualTo(canonical(Map.of("x-b", List.of("2", "1"))));
  }

  @Test
  void theCanonicalFormLeavesOutWhatNeverReachesTheBackendOrTheGatewaySetsItself() {
    Map<String, List<String>> bare = Map.of("content-type", List.of("application/json"));
    Map<String, List<String>> noisy = new LinkedHashMap<>(bare);
    noisy.put("Authorization", List.of("Bearer caller-token"));
    noisy.put("Gatehouse-Approval", List.of("abc"));
    noisy.put("Host", List.of("gatehouse.test"));
    noisy.put("Content-Length", List.of("12"));
    noisy.put("Connection", List.of("keep-alive"));
    noisy.put("Accept-Encoding", List.of("gzip"));
    noisy.put("X-Forwarded-For", List.of("10.0.0.1"));
    noisy.put("X-Forwarded-Proto", List.of("http"));
    noisy.put("X-Request-Id", List.of("mine"));
    noisy.put("X-Api-Key", List.of("the connection's credential header"));

    assertThat(canonical(noisy)).isEqualTo(canonical(bare));
  }

  @Test
  void theCanonicalFormChangesWithEveryForwardedHeader() {
    Map<String, List<String>> held = Map.of("content-type", List.of("application/json"));
    Map<String, List<String>> override = new LinkedHashMap<>(held);
    override.put("X-Tool-Mode", List.of("destructive"));

    assertThat(canonical(override)).isNotEqualTo(canonical(held));
    assertThat(canonical(Map.of("content-type", List.of("text/plain"))))
        .isNotEqualTo(canonical(held));
    assertThat(canonical(Map.of("mcp-session-id", List.of("a"))))
        .isNotEqualTo(canonical(Map.of("mcp-session-id", List.of("b"))));
    assertThat(canonical(Map.of("a", List.of("b=1:c"))))
        .as("lengths keep names and values apart")
        .isNotEqualTo(canonical(Map.of("a", List.of("b"), "c", List.of(""))));
  }

  @Test
  void theWaitPreferenceIsTheGatewaysAndOtherPreferencesPass() {
    assertThat(forwardedToBackend(Map.of("Prefer", List.of("wait=25")))).isEmpty();
    assertThat(forwardedToBackend(Map.of("Prefer", List.of("respond-async, wait=5"))))
        .containsEntry("prefer", List.of("respond-async"));
    assertThat(forwardedToBackend(Map.of("Prefer", List.of("return=minimal"))))
        .containsEntry("prefer", List.of("return=minimal"));
  }
}
