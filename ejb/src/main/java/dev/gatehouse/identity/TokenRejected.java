package dev.gatehouse.identity;

import dev.gatehouse.exchange.CallerIdentity;

/**
 * A bearer token was missing or did not verify. Carries a stable reason code and, when the
 * signature did verify but a claim failed (expired, wrong audience…), the caller it names, so the
 * audit record can say who tried.
 */
public class TokenRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final transient CallerIdentity knownCaller;

  public TokenRejected(String reason, String detail) {
    this(reason, detail, null);
  }

  public TokenRejected(String reason, String detail, CallerIdentity knownCaller) {
    super(detail, null, false, false);
    this.reason = reason;
    this.knownCaller = knownCaller;
  }

  /** For example {@code token_expired}, {@code invalid_signature}, {@code missing_token}. */
  public String reason() {
    return reason;
  }

  /** The verified caller when only a claim check failed, else {@code null}. */
  public CallerIdentity knownCaller() {
    return knownCaller;
  }
}
