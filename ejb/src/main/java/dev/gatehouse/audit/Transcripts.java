package dev.gatehouse.audit;

import dev.gatehouse.exchange.TranscriptMasker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the text of a request or response transcript: start line, headers, blank line, body.
 *
 * <p>Guarantees: the values of credential headers (authorization, cookies, API keys, anything named
 * like a token, secret, password or credential) are replaced by {@code [REDACTED]} before anything
 * else sees them, whatever the masker does; the whole text then passes through the {@link
 * TranscriptMasker}; bodies are decoded as UTF-8 and kept only up to the capture's cap.
 */
final class Transcripts {

  static final String REDACTED = "[REDACTED]";

  /** Column width of a transcript; a masked text longer than that is clipped. */
  static final int MAX_CHARS = 1_000_000;

  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of(
          "authorization",
          "proxy-authorization",
          "cookie",
          "set-cookie",
          "x-api-key",
          "api-key",
          "x-auth-token",
          "x-amz-security-token");

  private static final List<String> CREDENTIAL_WORDS =
      List.of("token", "secret", "password", "credential", "api-key", "apikey", "auth");

  private final TranscriptMasker masker;

  Transcripts(TranscriptMasker masker) {
    this.masker = masker;
  }

  static boolean isCredentialHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return CREDENTIAL_HEADERS.contains(lower)
        || CREDENTIAL_WORDS.stream().anyMatch(lower::contains);
  }

  String write(
      String startLine, Map<String, List<String>> headers, byte[] body, boolean truncated) {
    StringBuilder text = new StringBuilder(256 + (body == null ? 0 : body.length));
    text.append(startLine).append('\n');
    new TreeMap<>(headers)
        .forEach(
            (name, values) -> {
              for (String value : values) {
                text.append(name.toLowerCase(Locale.ROOT))
                    .append(": ")
                    .append(isCredentialHeader(name) ? REDACTED : value)
                    .append('\n');
              }
            });
    text.append('\n');
    if (body != null) {
      text.append(new String(body, StandardCharsets.UTF_8));
      if (truncated) {
        text.append("\n[TRUNCATED]");
      }
    }
    String masked = masker.mask(text.toString());
    return masked.length() <= MAX_CHARS ? masked : masked.substring(0, MAX_CHARS);
  }
}
