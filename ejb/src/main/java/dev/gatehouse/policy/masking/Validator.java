package dev.gatehouse.policy.masking;

/** Confirms a pattern match, looking at the match and, when it must, the text around it. */
@FunctionalInterface
public interface Validator {

  Validator ANY = (text, start, end) -> true;

  boolean accepts(CharSequence text, int start, int end);
}
