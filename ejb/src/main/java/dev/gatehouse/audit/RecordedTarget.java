package dev.gatehouse.audit;

import dev.gatehouse.exchange.TranscriptMasker;

/**
 * The request's path and query as the audit trail keeps them, and with it the export, the SIEM
 * sinks and the console: credential parameters blanked ({@link QueryRedaction}) and every secret a
 * detector knows masked, plain or percent-encoded ({@link TranscriptMasker#maskRequestTarget}).
 */
public record RecordedTarget(String path, String query) {

  public static RecordedTarget of(String rawPath, String rawQuery, TranscriptMasker masker) {
    return new RecordedTarget(
        masker.maskRequestTarget(rawPath),
        // Credential parameters blanked last, so they read [REDACTED] whatever the masker saw.
        rawQuery == null ? null : QueryRedaction.redact(masker.maskRequestTarget(rawQuery)));
  }

  /** The request line's target: path, and {@code ?query} when there is one. */
  public String target() {
    return query == null ? path : path + "?" + query;
  }
}
