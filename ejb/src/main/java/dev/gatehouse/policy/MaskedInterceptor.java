package dev.gatehouse.policy;

import dev.gatehouse.connection.ConnectionDirectory;
import dev.gatehouse.exchange.Decision;
import dev.gatehouse.exchange.GatewayRefusal;
import dev.gatehouse.exchange.InterceptorOrder;
import dev.gatehouse.exchange.ProxyExchange;
import dev.gatehouse.exchange.ProxyResponse;
import dev.gatehouse.exchange.RuleHit;
import dev.gatehouse.policy.masking.Detector;
import dev.gatehouse.policy.masking.Masker;
import dev.gatehouse.policy.masking.MaskingListener;
import dev.gatehouse.policy.masking.NdjsonMaskingStream;
import dev.gatehouse.policy.masking.SseMaskingStream;
import dev.gatehouse.policy.masking.TextMaskingStream;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Innermost link of the proxy chain: wraps the backend's response body in a masking stream before
 * anything reads it. Guarantees, for every connection not configured off: a textual body (any
 * {@code text/*}, JSON, XML, form, NDJSON, or no content type at all) reaches the caller only
 * through the masker, event by event for {@code text/event-stream} and line by line for
 * newline-delimited JSON; a textual body the gateway cannot read (compressed, unknown charset) is
 * refused with 502 {@code response_unmaskable} rather than passed on; each detector that fired is
 * recorded on the exchange as a {@code MASK} hit, a masking failure as {@code ERROR} (the relay
 * then breaks off). Every response header value is masked too. The connection's own injected
 * credential is masked in every form a backend may echo it ({@link MaskingSettings#maskerFor}). A
 * body the masker cannot read passes only when its type is on the binary allow-list ({@code
 * gatehouse.policy.binary-media-types}, recorded as {@code NOT_EVALUATED}); any other type, and a
 * response that names two types or two codings, is refused with 502 {@code response_unmaskable}.
 */
@Masked
@Interceptor
@Priority(InterceptorOrder.MASKED)
public class MaskedInterceptor {

  static final String RULE_ID = "masking";

  @Inject MaskingSettings settings;

  @Inject ConnectionDirectory connections;

  @AroundInvoke
  public Object maskResponse(InvocationContext context) throws Exception {
    ProxyExchange exchange = (ProxyExchange) context.getParameters()[0];
    ProxyResponse response = (ProxyResponse) context.proceed();
    if (!settings.masksResponsesOf(exchange.connectionName())) {
      exchange.recordRuleHit(new RuleHit(RULE_ID, "NOT_EVALUATED", "response:disabled"));
      return response;
    }
    Masker masker =
        connections
            .find(exchange.connectionName())
            .map(settings::maskerFor)
            .orElse(settings.masker());
    List<String> types = response.headers().getOrDefault("content-type", List.of());
    List<String> encodings = response.headers().getOrDefault("content-encoding", List.of());
    if (types.size() > 1 || encodings.size() > 1) {
      throw unmaskable(response, "The backend's response names more than one type or coding.");
    }
    response =
        new ProxyResponse(
            response.status(), maskedHeaders(response, masker, exchange), response.body());
    String contentType = types.isEmpty() ? null : types.get(0);
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!contentType(mediaType)) {
      if (!settings.passesUnmasked(mediaType)) {
        throw unmaskable(
            response,
            "The backend's response type "
                + mediaType
                + " cannot be masked and is not on the binary allow-list.");
      }
      exchange.recordRuleHit(new RuleHit(RULE_ID, "NOT_EVALUATED", "response:" + mediaType));
      return response;
    }
    String encoding = encodings.isEmpty() ? null : encodings.get(0);
    if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
      throw unmaskable(response, "The backend's response is compressed and cannot be masked.");
    }
    Charset charset = charset(contentType);
    if (charset == null) {
      throw unmaskable(response, "The backend's response charset is not supported.");
    }
    MaskingListener listener = listener(exchange);
    InputStream masked;
    if (mediaType.equals("text/event-stream")) {
      masked =
          new SseMaskingStream(
              response.body(), masker, settings.window(), settings.pemWindow(), listener);
    } else if (jsonLines(mediaType) && charset.equals(StandardCharsets.UTF_8)) {
      masked =
          new NdjsonMaskingStream(
              response.body(), masker, settings.window(), settings.pemWindow(), listener);
    } else {
      masked =
          new TextMaskingStream(
              response.body(), masker, charset, settings.window(), settings.pemWindow(), listener);
    }
    return response.withBody(masked);
  }

  /**
   * The response headers with every value masked (a backend's {@code x-debug: AKIA…} or an echoed
   * credential must not reach the caller in a header either); each masked header is a rule hit.
   */
  private static Map<String, List<String>> maskedHeaders(
      ProxyResponse response, Masker masker, ProxyExchange exchange) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    response
        .headers()
        .forEach(
            (name, values) -> {
              List<String> kept = new ArrayList<>(values.size());
              for (String value : values) {
                String masked = masker.mask(value);
                if (!masked.equals(value)) {
                  exchange.recordRuleHit(new RuleHit(RULE_ID, "MASK", "response:header:" + name));
                }
                kept.add(masked);
              }
              out.put(name, kept);
            });
    return out;
  }

  private static MaskingListener listener(ProxyExchange exchange) {
    return new MaskingListener() {
      @Override
      public void masked(Detector detector) {
        exchange.recordRuleHit(new RuleHit("detector:" + detector.name(), "MASK", "response"));
      }

      @Override
      public void failed(Exception cause) {
        exchange.recordRuleHit(new RuleHit(RULE_ID, "ERROR", "response"));
      }
    };
  }

  private static GatewayRefusal unmaskable(ProxyResponse response, String detail) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // Nothing of it goes out anyway.
    }
    return new GatewayRefusal(502, "response_unmaskable", detail, Decision.ERROR);
  }

  static boolean contentType(String mediaType) {
    return mediaType.isEmpty()
        || mediaType.startsWith("text/")
        || mediaType.endsWith("+json")
        || mediaType.endsWith("+xml")
        || mediaType.equals("application/json")
        || mediaType.endsWith("+yaml")
        || jsonLines(mediaType)
        || mediaType.equals("application/yaml")
        || mediaType.equals("application/x-yaml")
        || mediaType.equals("application/toml")
        || mediaType.equals("application/x-pem-file")
        || mediaType.equals("application/pem-certificate-chain")
        || mediaType.equals("application/x-sh")
        || mediaType.equals("application/sql")
        || mediaType.equals("application/xml")
        || mediaType.equals("application/javascript")
        || mediaType.equals("application/x-www-form-urlencoded")
        || mediaType.equals("application/graphql");
  }

  /** Newline-delimited JSON, masked line by line (JSON lines are UTF-8 by definition). */
  static boolean jsonLines(String mediaType) {
    return mediaType.equals("application/x-ndjson")
        || mediaType.equals("application/jsonl")
        || mediaType.equals("application/x-jsonl");
  }

  private static Charset charset(String contentType) {
    if (contentType == null) {
      return StandardCharsets.UTF_8;
    }
    for (String parameter : contentType.split(";")) {
      String[] pair = parameter.trim().split("=", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
        try {
          return Charset.forName(pair[1].trim().replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return null;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
