package dev.gatehouse.exchange;

/**
 * Masks secrets and personal data in text before it is kept anywhere (the audit transcript, logs).
 * The policy wing provides the real implementation as a CDI alternative; {@link
 * PassThroughTranscriptMasker} stands in until it is there.
 */
public interface TranscriptMasker {

  /** The text with everything a masking detector finds replaced. */
  String mask(String text);
}
