package dev.gatehouse.approval.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@value #HEADER} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over {@code
 * "<t>.<body>"} with the configured secret (the scheme Stripe and others use). A receiver
 * recomputes the MAC over the timestamp and the raw body, compares in constant time, and refuses
 * timestamps older than a few minutes so that a captured delivery cannot be replayed later.
 */
public final class WebhookSignature {

  public static final String HEADER = "Gatehouse-Signature";

  private WebhookSignature() {}

  /** The header value for this body, sent at {@code epochSeconds}. */
  public static String sign(byte[] secret, long epochSeconds, String body) {
    return "t=" + epochSeconds + ",v1=" + hmacHex(secret, epochSeconds + "." + body);
  }

  static String hmacHex(byte[] secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
