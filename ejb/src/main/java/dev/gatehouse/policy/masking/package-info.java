/**
 * Masking of secrets and personal data: the detectors (RE2/J patterns, linear time, compiled once,
 * with optional validators such as Luhn and mod-97), the {@link
 * dev.gatehouse.policy.masking.Masker} that applies them to text, and the streaming maskers that
 * apply them to a response body with a bounded hold-back window. Everything here fails closed: an
 * error cuts the stream, it never lets text through unmasked.
 */
package dev.gatehouse.policy.masking;
