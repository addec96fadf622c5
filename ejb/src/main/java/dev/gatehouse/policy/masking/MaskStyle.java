package dev.gatehouse.policy.masking;

/** How a finding is rendered in place of the original text. */
public enum MaskStyle {
  /** {@code [EMAIL]}. */
  REDACT,
  /**
   * {@code [CARD:…1111]}: the last four characters kept (values shorter than eight hidden whole).
   */
  PARTIAL,
  /** {@code [EMAIL:3f9a0c1b2d4e]}: a keyed hash (HMAC-SHA256), stable for correlation. */
  HASH
}
