package dev.gatehouse.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Decides which headers cross the gateway. Hop-by-hop headers (RFC 9110 §7.6.1, plus those a {@code
 * Connection} header names) never cross in either direction. Towards the backend the caller's
 * {@code Authorization} and {@code Proxy-Authorization} are dropped — the caller's token must never
 * reach a backend — as are the headers the gateway sets itself ({@code Host}, {@code
 * Content-Length}, {@code Expect}, the {@code X-Forwarded-*} family and its look-alikes), the
 * gateway's own control headers ({@code Gatehouse-*} and the {@code wait} preference of {@code
 * Prefer}), method overrides, and {@code Accept-Encoding}: responses must arrive uncompressed so
 * that they can be masked. Towards the caller {@code Content-Length} is dropped because the body is
 * relayed as a stream (and may be rewritten by masking), and so is whatever would act on the
 * gateway's origin: cookies, HSTS, {@code Access-Control-*} and {@code Gatehouse-*}.
 */
public final class ForwardedHeaders {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "http2-settings");

  private static final Set<String> NOT_TO_BACKEND =
      Set.of(
          "authorization",
          "host",
          "content-length",
          "expect",
          "accept-encoding",
          // A response header no caller sends: Payara's listener writes its own HSTS setting among
          // the request's headers, which would reach the backend and the transcript as if sent.
          "strict-transport-security",
          // Who the caller is and where it came from is the gateway's to say: a caller-supplied
          // value would let it pose as another client or rewrite the URL a backend acts on.
          "forwarded",
          "x-forwarded-for",
          "x-forwarded-host",
          "x-forwarded-port",
          "x-forwarded-prefix",
          "x-forwarded-proto",
          "x-forwarded-server",
          "x-real-ip",
          "true-client-ip",
          "x-client-ip",
          "x-cluster-client-ip",
          "cf-connecting-ip",
          "x-original-url",
          "x-rewrite-url",
          "x-original-uri",
          // A method override would make the backend act on another method than rules judged.
          "x-http-method-override",
          "x-http-method",
          "x-method-override");

  /**
   * Response headers that would act on the gateway's own origin, which the console shares: cookies,
   * HSTS and CORS policy are the gateway's to set, never a backend's.
   */
  private static final Set<String> NOT_TO_CALLER =
      Set.of(
          "content-length",
          "set-cookie",
          "set-cookie2",
          "strict-transport-security",
          "alt-svc",
          "clear-site-data",
          "public-key-pins",
          "public-key-pins-report-only");

  /**
   * Request headers the gateway sets itself towards the backend ({@code UpstreamClient}), replacing
   * whatever the caller sent under those names. The connection's credential header is one more,
   * named per connection.
   */
  public static final Set<String> SET_BY_GATEWAY =
      Set.of(
          "x-forwarded-for",
          "x-forwarded-proto",
          "x-forwarded-prefix",
          "x-real-ip",
          "x-request-id");

  private ForwardedHeaders() {}

  /** Passes each request header that may reach the backend to {@code sink}. */
  public static void towardsBackend(
      Map<String, List<String>> headers, BiConsumer<String, String> sink) {
    Set<String> listed = connectionListed(headers);
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (lower.startsWith(":")
              || lower.startsWith("gatehouse-")
              || HOP_BY_HOP.contains(lower)
              || NOT_TO_BACKEND.contains(lower)
              || listed.contains(lower)) {
            return;
          }
          if (lower.equals("prefer")) {
            values.forEach(value -> withoutWait(value).ifPresent(v -> sink.accept(name, v)));
            return;
          }
          values.forEach(value -> sink.accept(name, value));
        });
  }

  /**
   * A {@code Prefer} value without its {@code wait} preference, which is the gateway's (how long to
   * hold the answer while a reviewer decides) and not the backend's; empty when nothing is left.
   */
  static java.util.Optional<String> withoutWait(String prefer) {
    StringBuilder kept = new StringBuilder();
    for (String preference : prefer.split(",")) {
      String token = preference.strip();
      String name = token.split("[=;]", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (token.isEmpty() || name.equals("wait")) {
        continue;
      }
      kept.append(kept.length() == 0 ? "" : ", ").append(token);
    }
    return kept.length() == 0 ? java.util.Optional.empty() : java.util.Optional.of(kept.toString());
  }

  /**
   * The caller's end-to-end request headers as they reach the backend, in one canonical form: what
   * {@link #towardsBackend} forwards, less the headers the gateway then sets itself ({@link
   * #SET_BY_GATEWAY} and {@code credentialHeaderName}, which may be {@code null}); names
   * lower-cased and sorted, each name's values in the order received. Each header is written as
   * {@code <name length>:<name>=<value length>:<value>;} so that no two header sets share a form.
   * An approval is bound to a digest of this (a resend with other headers is another request).
   */
  public static String canonicalTowardsBackend(
      Map<String, List<String>> headers, String credentialHeaderName) {
    String credential =
        credentialHeaderName == null ? null : credentialHeaderName.toLowerCase(Locale.ROOT);
    Map<String, List<String>> sorted = new TreeMap<>();
    towardsBackend(
        headers,
        (name, value) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!SET_BY_GATEWAY.contains(lower) && !lower.equals(credential)) {
            sorted.computeIfAbsent(lower, k -> new ArrayList<>()).add(value);
          }
        });
    StringBuilder out = new StringBuilder();
    sorted.forEach(
        (name, values) -> {
          for (String value : values) {
            out.append(name.length())
                .append(':')
                .append(name)
                .append('=')
                .append(value.length())
                .append(':')
                .append(value)
                .append(';');
          }
        });
    return out.toString();
  }

  /** Passes each response header that may reach the caller to {@code sink}. */
  public static void towardsCaller(
      Map<String, List<String>> headers, BiConsumer<String, String> sink) {
    Set<String> listed = connectionListed(headers);
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (lower.startsWith(":")
              || lower.startsWith("gatehouse-")
              || lower.startsWith("access-control-")
              || HOP_BY_HOP.contains(lower)
              || NOT_TO_CALLER.contains(lower)
              || listed.contains(lower)) {
            return;
          }
          values.forEach(value -> sink.accept(lower, value));
        });
  }

  private static Set<String> connectionListed(Map<String, List<String>> headers) {
    Set<String> listed = new HashSet<>();
    headers.forEach(
        (name, values) -> {
          if (name.equalsIgnoreCase("connection")) {
            for (String value : values) {
              for (String token : value.split(",")) {
                listed.add(token.strip().toLowerCase(Locale.ROOT));
              }
            }
          }
        });
    return listed;
  }
}
