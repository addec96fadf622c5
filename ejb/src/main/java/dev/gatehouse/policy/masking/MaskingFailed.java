package dev.gatehouse.policy.masking;

import java.io.IOException;

/**
 * Masking could not be completed (a detector failed, or a block that must be held whole outgrew its
 * window). Thrown from the masking streams so the relay aborts rather than passing text on
 * unmasked.
 */
public class MaskingFailed extends IOException {

  private static final long serialVersionUID = 1L;

  public MaskingFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
