package dev.gatehouse.exchange;

import jakarta.enterprise.context.ApplicationScoped;

/** The default {@link TranscriptMasker}: masks nothing. Replaced by the policy wing's masker. */
@ApplicationScoped
public class PassThroughTranscriptMasker implements TranscriptMasker {

  @Override
  public String mask(String text) {
    return text;
  }
}
