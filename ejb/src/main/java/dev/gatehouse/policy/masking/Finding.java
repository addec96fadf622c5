package dev.gatehouse.policy.masking;

/**
 * Where a detector matched: the half-open range {@code [start, end)} of the text to hide.
 *
 * @param detector what was found
 * @param value what was found, with JSON escapes resolved (for partial and keyed-hash masking)
 */
public record Finding(int start, int end, Detector detector, String value) {

  Finding shift(int offset) {
    return new Finding(start - offset, end - offset, detector, value);
  }
}
