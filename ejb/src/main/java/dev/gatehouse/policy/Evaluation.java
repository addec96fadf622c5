package dev.gatehouse.policy;

import java.util.List;
import java.util.Optional;

/**
 * What the deny rules say about one request: every match (and every rule that could not be
 * evaluated), and the deciding match — the first {@code BLOCK}, else the first {@code
 * REQUIRE_APPROVAL}.
 */
public record Evaluation(List<RuleMatch> matches) {

  public Evaluation {
    matches = List.copyOf(matches);
  }

  public Optional<RuleMatch> deciding() {
    return first(RuleAction.BLOCK).or(() -> first(RuleAction.REQUIRE_APPROVAL));
  }

  private Optional<RuleMatch> first(RuleAction action) {
    return matches.stream().filter(m -> m.action().equals(action.name())).findFirst();
  }
}
