package dev.gatehouse.demo.issuer;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses token lifetimes such as {@code 90s}, {@code 15m}, {@code 8h} or {@code 1d}. A unit suffix
 * is mandatory so that a bare number can never be misread as minutes or seconds.
 */
final class TimeToLive {

  static final Duration DEFAULT = Duration.ofMinutes(15);
  static final Duration MAXIMUM = Duration.ofDays(366);

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})([smhd])");

  private TimeToLive() {}

  /**
   * @throws IllegalArgumentException if {@code text} is malformed, zero or longer than {@link
   *     #MAXIMUM}
   */
  static Duration parse(String text) {
    Matcher matcher = FORMAT.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "TTL must be a positive number with a unit s, m, h or d (e.g. 15m), got '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration ttl =
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (ttl.isZero() || ttl.compareTo(MAXIMUM) > 0) {
      throw new IllegalArgumentException("TTL must be more than 0s and at most 366d");
    }
    return ttl;
  }
}
