package dev.gatehouse.approval;

import java.util.Collection;
import java.util.Set;

/**
 * The reviewer rule of a connection, as one pure function: a connection's {@code reviewerGroups},
 * when it names any, admit only callers in at least one of them; none named admits every reviewer.
 * The operator role (reviewer or admin) is checked before, by the API and the console; membership
 * of a reviewer group is what this decides, for admins too.
 *
 * <p>{@link ApprovalService#mayReview} applies it to deciding, granting, listing and reading alike,
 * so whoever may not decide on a connection's held requests does not see them either.
 */
public final class ReviewerAccess {

  private ReviewerAccess() {}

  /** Whether a caller in {@code callerGroups} may review a connection with these groups. */
  public static boolean admits(Set<String> reviewerGroups, Collection<String> callerGroups) {
    return reviewerGroups.isEmpty() || callerGroups.stream().anyMatch(reviewerGroups::contains);
  }
}
