package dev.gatehouse.policy.masking;

import com.google.re2j.Pattern;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A detector for one connection's own credential, as the gateway injects it: a backend that echoes
 * request headers (debug endpoints, error pages) would otherwise hand the stored secret to the
 * caller, whatever the built-in detectors think of its shape. Matches the secret verbatim and in
 * the encodings it is commonly echoed in — Base64 (standard and URL-safe, with or without padding)
 * and percent-encoding — and, for Basic credentials, the {@code user:password} pair, its Base64 and
 * the password alone.
 */
public final class CredentialEcho {

  /** Shorter secrets are not masked alone: too likely to occur in ordinary text. */
  static final int SHORTEST = 6;

  private CredentialEcho() {}

  /** The detector for the value of an injected credential header, if it has a secret to hide. */
  public static Optional<Detector> detector(String headerValue) {
    if (headerValue == null || headerValue.isBlank()) {
      return Optional.empty();
    }
    Set<String> secrets = new LinkedHashSet<>();
    String value = headerValue.strip();
    secrets.add(value);
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("bearer ") || lower.startsWith("token ")) {
      secrets.add(value.substring(value.indexOf(' ') + 1).strip());
    } else if (lower.startsWith("basic ")) {
      String encoded = value.substring(6).strip();
      secrets.add(encoded);
      try {
        String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        secrets.add(pair);
        int colon = pair.indexOf(':');
        if (colon >= 0) {
          secrets.add(pair.substring(colon + 1));
        }
      } catch (IllegalArgumentException e) {
        // Not Base64 after all: the value itself is masked.
      }
    }
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret.length() < SHORTEST) {
        continue;
      }
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      forms.add(secret);
      forms.add(Base64.getEncoder().encodeToString(bytes));
      forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
      forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
      forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    if (forms.isEmpty()) {
      return Optional.empty();
    }
    // Longest first, so the alternation prefers the whole header value over the secret inside it.
    List<String> ordered = new ArrayList<>(forms);
    ordered.sort((a, b) -> b.length() - a.length());
    StringBuilder regex = new StringBuilder();
    for (String form : ordered) {
      regex.append(regex.length() == 0 ? "" : "|").append(Pattern.quote(form));
    }
    // Hints as written: a literal with upper-case letters is matched exactly (Trigger.Anchored).
    return Optional.of(
        new Detector(
            "connection_credential",
            "CONNECTION_CREDENTIAL",
            Pattern.compile(regex.toString()),
            0,
            null,
            ordered));
  }
}
