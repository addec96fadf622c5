package dev.gatehouse.api.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=10}, possibly beside others, in one
 * or several {@code Prefer} headers), capped by configuration.
 */
final class PreferWait {

  static final String PREFERENCE_APPLIED = "Preference-Applied";

  private PreferWait() {}

  /** The wait asked for, at most {@code cap}; zero when none (or an unreadable one) was asked. */
  static Duration requested(List<String> preferHeaders, Duration cap) {
    if (preferHeaders == null || cap.isZero()) {
      return Duration.ZERO;
    }
    for (String header : preferHeaders) {
      for (String preference : header.split(",")) {
        String p = preference.strip();
        int semicolon = p.indexOf(';');
        if (semicolon >= 0) {
          p = p.substring(0, semicolon).strip();
        }
        int eq = p.indexOf('=');
        if (eq < 0 || !p.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("wait")) {
          continue;
        }
        String value = p.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        try {
          long seconds = Long.parseLong(value);
          if (seconds <= 0) {
            return Duration.ZERO;
          }
          return Duration.ofSeconds(Math.min(seconds, cap.toSeconds()));
        } catch (NumberFormatException e) {
          return Duration.ZERO;
        }
      }
    }
    return Duration.ZERO;
  }
}
