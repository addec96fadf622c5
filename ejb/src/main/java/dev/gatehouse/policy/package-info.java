/**
 * Policies on the data path: deny rules kept as data ({@link dev.gatehouse.policy.PolicyRule}),
 * matched on normalised input by {@link dev.gatehouse.policy.DenylistCheckedInterceptor} before
 * anything is forwarded, and masking of responses and audit transcripts by {@link
 * dev.gatehouse.policy.MaskedInterceptor} and {@link dev.gatehouse.policy.PolicyTranscriptMasker}
 * with the detectors of {@link dev.gatehouse.policy.masking}.
 */
package dev.gatehouse.policy;
