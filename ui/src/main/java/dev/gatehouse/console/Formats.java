package dev.gatehouse.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times and sizes: UTC, to the second, the same on every page. */
@Named
@ApplicationScoped
public class Formats {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  public String list(java.util.Collection<String> values) {
    return values == null ? "" : String.join(", ", values);
  }

  public String micros(Long micros) {
    return micros == null ? "" : String.format("%.1f ms", micros / 1000.0);
  }
}
