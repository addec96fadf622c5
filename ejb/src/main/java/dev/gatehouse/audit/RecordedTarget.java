package dev.gatehouse.audit;

import dev.gatehouse.exchange.TranscriptMasker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The request's path and query as the audit trail keeps them, and with it the export, the SIEM
 * sinks and the console: credential parameters blanked ({@link QueryRedaction}) and every secret a
 * detector knows masked, whether it was sent plain or percent-encoded (a key in {@code
 * /v1/keys/sk%2Dproj…} is found in the decoded form, which is then what is kept).
 */
public record RecordedTarget(String path, String query) {

  public static RecordedTarget of(String rawPath, String rawQuery, TranscriptMasker masker) {
    return new RecordedTarget(
        masked(rawPath, masker),
        rawQuery == null ? null : masked(QueryRedaction.redact(rawQuery), masker));
  }

  /** The request line's target: path, and {@code ?query} when there is one. */
  public String target() {
    return query == null ? path : path + "?" + query;
  }

  private static String masked(String raw, TranscriptMasker masker) {
    if (raw == null || raw.isEmpty()) {
      return raw;
    }
    if (raw.indexOf('%') >= 0) {
      String decoded = percentDecoded(raw);
      String maskedDecoded = masker.mask(decoded);
      if (!maskedDecoded.equals(decoded)) {
        return maskedDecoded;
      }
    }
    return masker.mask(raw);
  }

  /** Decodes each valid {@code %XX} (as UTF-8), leaving anything else as it is. */
  static String percentDecoded(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length) {
        int hi = Character.digit(bytes[i + 1], 16);
        int lo = Character.digit(bytes[i + 2], 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      out.write(bytes[i]);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
