package dev.gatehouse.policy.masking;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running text of each lane of a stream ({@link StreamLeaves}): pieces appended event by event,
 * masked as one text, released only once no secret can still be completing across their end.
 *
 * <p>A lane stays open — its tail held back like any streamed text ({@link HoldBack}) — while
 * events with text keep coming in its family; an event with text but none of that family (the
 * Anthropic block that ends, the Responses {@code .done} event, the next kind of output) closes it,
 * and its tail goes out. Without that, a lane that simply stops (a tool name, a final restatement)
 * would hold every later event until the end of the stream. A closed lane that gets text again is
 * open again.
 */
final class Lanes {

  /** One lane's text: {@code text} starts at offset {@code base} of everything it ever held. */
  static final class Lane {
    final String family;
    final StringBuilder text = new StringBuilder();
    long base;

    /** Characters before this (relative to base) belong to a finding already rendered. */
    int suppressUntil;

    boolean open = true;

    /** Pieces of this lane in events not yet released. */
    int held;

    /** This release round: the findings in {@link #text}, and how much of it may go out. */
    List<Finding> findings = List.of();

    int point;

    Lane(String family) {
      this.family = family;
    }
  }

  /**
   * A piece of a lane in one event.
   *
   * @param start offset of its first character in the lane (counted from the stream's start)
   * @param end offset after its last
   */
  record Piece(Lane lane, long start, long end) {}

  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private final Masker masker;
  private final HoldBack holdBack;

  Lanes(Masker masker, HoldBack holdBack) {
    this.masker = masker;
    this.holdBack = holdBack;
  }

  /** Appends an event's piece of text to its lane, opening the lane again if it was closed. */
  Piece append(String lane, String family, String text) {
    Lane l = lanes.computeIfAbsent(lane, k -> new Lane(family));
    l.open = true;
    long start = l.base + l.text.length();
    l.text.append(text);
    l.held++;
    return new Piece(l, start, l.base + l.text.length());
  }

  /** Closes every lane of a family not among those an event with text just carried. */
  void closeAllBut(Set<String> families) {
    for (Lane l : lanes.values()) {
      if (!families.contains(l.family)) {
        l.open = false;
      }
    }
  }

  /**
   * Finds what each lane with held pieces holds, and how much of it may go out now.
   *
   * @param all the stream ended: everything may
   */
  void decide(boolean all) throws MaskingFailed {
    for (Lane l : lanes.values()) {
      if (l.held == 0) {
        continue;
      }
      l.findings = masker.find(l.text);
      int safe = holdBack.safePoint(l.text, l.findings);
      l.point = all || !l.open ? l.text.length() : safe;
    }
  }

  /** Whether the piece lies wholly before its lane's release point. */
  static boolean releasable(Piece p) {
    return p.end() - p.lane().base <= p.lane().point;
  }

  /** The piece's text, masked; reports to {@code found} the findings it touches. */
  String render(Piece p, List<Finding> found) {
    Lane l = p.lane();
    int start = (int) (p.start() - l.base);
    int end = (int) (p.end() - l.base);
    for (Finding f : l.findings) {
      if (f.start() < end && f.end() > start) {
        found.add(f);
      }
    }
    l.held--;
    if (end == start && l.suppressUntil <= start) {
      return "";
    }
    return masker.render(l.text, l.findings, start, end, l.suppressUntil);
  }

  /**
   * Drops what every lane released, up to the first piece it still holds: the rest of a finding cut
   * off this way is remembered, so that its characters in later pieces are dropped too. A lane with
   * nothing left is forgotten.
   *
   * @param firstHeld per lane, the start of its first piece still held
   */
  void trim(Map<Lane, Long> firstHeld) {
    for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext(); ) {
      Lane l = it.next();
      Long held = firstHeld.get(l);
      int trimTo = held == null ? Math.min(l.point, l.text.length()) : (int) (held - l.base);
      if (trimTo <= 0) {
        continue;
      }
      int suppress = l.suppressUntil - trimTo;
      for (Finding f : l.findings) {
        if (f.start() < trimTo) {
          suppress = Math.max(suppress, f.end() - trimTo);
        }
      }
      l.suppressUntil = Math.max(0, suppress);
      l.text.delete(0, trimTo);
      l.base += trimTo;
      l.findings = List.of();
      l.point = 0;
      if (l.text.length() == 0 && l.held == 0 && l.suppressUntil == 0) {
        it.remove();
      }
    }
  }

  /** Forgets everything (the stream failed). */
  void clear() {
    lanes.clear();
  }

  List<Lane> all() {
    return new ArrayList<>(lanes.values());
  }
}
