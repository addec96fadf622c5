package dev.gatehouse.console.connections;

import dev.gatehouse.agent.ToolInventory;
import dev.gatehouse.console.approvals.JsonText;
import java.time.Instant;
import java.util.List;

/**
 * One tool's definitions as {@code connections/tools.xhtml} reviews them: the pinned one and, while
 * the tool is quarantined, the one its server lists now, pretty-printed and set line against line.
 */
public final class ToolReviewView {

  private final ToolInventory.Review review;

  public ToolReviewView(ToolInventory.Review review) {
    this.review = review;
  }

  public String getTool() {
    return review.tool();
  }

  public boolean isPinned() {
    return review.pinnedFingerprint() != null;
  }

  public boolean isQuarantined() {
    return review.quarantined();
  }

  public Instant getQuarantinedAt() {
    return review.quarantinedAt();
  }

  public String getPinnedFingerprint() {
    return review.pinnedFingerprint();
  }

  public String getShortPinnedFingerprint() {
    return shortFingerprint(review.pinnedFingerprint());
  }

  /** Who accepted the pinned definition; null when it was pinned at first sight. */
  public String getPinnedBy() {
    return review.pinnedBy();
  }

  public Instant getPinnedAt() {
    return review.pinnedAt();
  }

  /** The fingerprint of the definition awaiting acceptance, or null when not quarantined. */
  public String getPendingFingerprint() {
    return review.pendingFingerprint();
  }

  public String getShortPendingFingerprint() {
    return shortFingerprint(review.pendingFingerprint());
  }

  /** Whether the server lists the pinned definition again: accepting it lifts the quarantine. */
  public boolean isPendingThePin() {
    return review.quarantined() && review.pendingFingerprint().equals(review.pinnedFingerprint());
  }

  /** The pinned definition, pretty-printed; null when it was too wide to keep or never pinned. */
  public String getPinnedDefinition() {
    return JsonText.pretty(review.pinnedDefinition());
  }

  /** Whether both definitions were kept, so that they can be compared. */
  public boolean isComparable() {
    return review.pinnedDefinition() != null && review.pendingDefinition() != null;
  }

  /** The pinned definition beside the pending one; empty unless quarantined and comparable. */
  public List<LineDiff.Row> getDiff() {
    if (!review.quarantined() || !isComparable()) {
      return List.of();
    }
    return LineDiff.of(
        JsonText.pretty(review.pinnedDefinition()), JsonText.pretty(review.pendingDefinition()));
  }

  private static String shortFingerprint(String fingerprint) {
    return fingerprint == null || fingerprint.length() <= ToolRow.SHORT_FINGERPRINT_DIGITS
        ? fingerprint
        : fingerprint.substring(0, ToolRow.SHORT_FINGERPRINT_DIGITS);
  }
}
