package dev.gatehouse.policy;

import dev.gatehouse.exchange.TranscriptMasker;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * The transcript masker of the policy wing: masks with the same detectors and style as responses.
 * Enabled for the whole application by its priority, replacing the pass-through default.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 10)
@ApplicationScoped
public class PolicyTranscriptMasker implements TranscriptMasker {

  @Inject MaskingSettings settings;

  @Override
  public String mask(String text) {
    return settings.masker().mask(text);
  }
}
