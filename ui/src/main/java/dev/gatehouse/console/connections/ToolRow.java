package dev.gatehouse.console.connections;

import dev.gatehouse.agent.ToolInventory;
import java.time.Instant;

/**
 * One tool of a connection's inventory as {@code connections/tools.xhtml} shows it: short forms of
 * its description and fingerprints beside the whole ones, whether its definition changed under the
 * same name, and whether it is quarantined.
 */
public final class ToolRow {

  /** Hex digits of a fingerprint in the table; the whole one is in its title. */
  static final int SHORT_FINGERPRINT_DIGITS = 12;

  /** Characters of a description in the table; a longer one is cut and opens to its whole text. */
  static final int SHORT_DESCRIPTION_CHARS = 120;

  private final ToolInventory.Entry entry;

  public ToolRow(ToolInventory.Entry entry) {
    this.entry = entry;
  }

  public String getName() {
    return entry.name();
  }

  /** The description as the server or request gave it, or null. */
  public String getDescription() {
    return entry.description();
  }

  /**
   * The description on one line, cut after {@link #SHORT_DESCRIPTION_CHARS} characters (whole code
   * points, so no character is split) with an ellipsis; null without a description.
   */
  public String getShortDescription() {
    String line = oneLine(entry.description());
    if (line == null || !isDescriptionCut()) {
      return line;
    }
    int end = line.offsetByCodePoints(0, SHORT_DESCRIPTION_CHARS);
    return line.substring(0, end).stripTrailing() + "…";
  }

  public boolean isDescriptionCut() {
    String line = oneLine(entry.description());
    return line != null && line.codePointCount(0, line.length()) > SHORT_DESCRIPTION_CHARS;
  }

  public String getFingerprint() {
    return entry.fingerprint();
  }

  public String getShortFingerprint() {
    return shortFingerprint(entry.fingerprint());
  }

  /** The fingerprint before the definition last changed, or null if it never did. */
  public String getPreviousFingerprint() {
    return entry.previousFingerprint();
  }

  public String getShortPreviousFingerprint() {
    return shortFingerprint(entry.previousFingerprint());
  }

  public boolean isDefinitionChanged() {
    return entry.previousFingerprint() != null;
  }

  public Instant getFingerprintChangedAt() {
    return entry.fingerprintChangedAt();
  }

  /** The fingerprint pinned, or null when no MCP server has listed the tool. */
  public String getPinnedFingerprint() {
    return entry.pinnedFingerprint();
  }

  public String getShortPinnedFingerprint() {
    return shortFingerprint(entry.pinnedFingerprint());
  }

  public boolean isPinned() {
    return entry.pinnedFingerprint() != null;
  }

  /** Whether the tool is hidden and its calls refused until an admin accepts its new definition. */
  public boolean isQuarantined() {
    return entry.quarantined();
  }

  public Instant getQuarantinedAt() {
    return entry.quarantinedAt();
  }

  public String getShortPendingFingerprint() {
    return shortFingerprint(entry.pendingFingerprint());
  }

  public String getPendingFingerprint() {
    return entry.pendingFingerprint();
  }

  /**
   * The MCP {@code destructiveHint} as a message key suffix: {@code yes}, {@code no}, or {@code
   * unknown} when the definition does not say (never taken for "no").
   */
  public String getDestructiveHint() {
    if (entry.destructive() == null) {
      return "unknown";
    }
    return entry.destructive() ? "yes" : "no";
  }

  public Instant getFirstSeen() {
    return entry.firstSeen();
  }

  public Instant getLastSeen() {
    return entry.lastSeen();
  }

  public long getCalls() {
    return entry.calls();
  }

  public long getRefusals() {
    return entry.refusals();
  }

  private static String shortFingerprint(String fingerprint) {
    return fingerprint == null || fingerprint.length() <= SHORT_FINGERPRINT_DIGITS
        ? fingerprint
        : fingerprint.substring(0, SHORT_FINGERPRINT_DIGITS);
  }

  /** Whitespace runs as single spaces, as a table cell shows them: the cut counts what is seen. */
  private static String oneLine(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return text.strip().replaceAll("\\s+", " ");
  }
}
