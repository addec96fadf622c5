package dev.gatehouse.audit;

import java.util.Locale;
import java.util.Set;

/**
 * Blanks the values of query parameters that carry credentials ({@code access_token}, {@code
 * api_key}, {@code password}…) before a query string is recorded, so a caller who put a secret in a
 * URL does not put it in the audit trail too.
 */
public final class QueryRedaction {

  static final String REDACTED = "[REDACTED]";

  private static final Set<String> SENSITIVE =
      Set.of(
          "access_token",
          "id_token",
          "refresh_token",
          "token",
          "api_key",
          "apikey",
          "key",
          "password",
          "secret",
          "client_secret",
          "signature",
          "sig");

  private QueryRedaction() {}

  public static String redact(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return rawQuery;
    }
    StringBuilder out = new StringBuilder(rawQuery.length());
    for (String pair : rawQuery.split("&", -1)) {
      if (out.length() > 0) {
        out.append('&');
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && SENSITIVE.contains(name.toLowerCase(Locale.ROOT))) {
        out.append(name).append('=').append(REDACTED);
      } else {
        out.append(pair);
      }
    }
    return out.toString();
  }
}
