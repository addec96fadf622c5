package dev.gatehouse.policy;

/** How a deny rule's pattern is read. */
public enum MatchKind {
  /** The normalised input contains the pattern (for METHOD: equals it). */
  LITERAL,
  /** An RE2/J regular expression found in the normalised input: linear time, no backtracking. */
  REGEX
}
