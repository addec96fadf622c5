package dev.gatehouse.console.connections;

import java.util.ArrayList;
import java.util.List;

/**
 * Two texts side by side, line against line: the lines both share (a longest common subsequence)
 * aligned, and between them what was removed, added or changed. For reading a tool's pinned
 * definition beside its new one; the middle of two texts, after their common first and last lines,
 * is aligned only up to {@link #MAX_CELLS} line pairs and otherwise shown as changed whole.
 */
public final class LineDiff {

  /** The most line pairs compared for alignment (the table's cells). */
  static final long MAX_CELLS = 4_000_000;

  /**
   * One line of the side-by-side view.
   *
   * @param left the line before, or null where there is none
   * @param right the line after, or null where there is none
   * @param kind {@code same}, {@code removed}, {@code added} or {@code changed}
   */
  public record Row(String left, String right, String kind) {}

  private LineDiff() {}

  public static List<Row> of(String before, String after) {
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    int start = 0;
    while (start < a.length && start < b.length && a[start].equals(b[start])) {
      start++;
    }
    int endA = a.length;
    int endB = b.length;
    while (endA > start && endB > start && a[endA - 1].equals(b[endB - 1])) {
      endA--;
      endB--;
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < start; i++) {
      rows.add(new Row(a[i], b[i], "same"));
    }
    middle(a, start, endA, b, start, endB, rows);
    for (int i = endA, j = endB; i < a.length; i++, j++) {
      rows.add(new Row(a[i], b[j], "same"));
    }
    return rows;
  }

  private static void middle(
      String[] a, int fromA, int toA, String[] b, int fromB, int toB, List<Row> rows) {
    int n = toA - fromA;
    int m = toB - fromB;
    if ((long) n * m > MAX_CELLS) {
      block(a, fromA, toA, b, fromB, toB, rows);
      return;
    }
    // common[i][j]: the longest common subsequence of a[fromA + i ..] and b[fromB + j ..].
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            a[fromA + i].equals(b[fromB + j])
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    int blockA = 0;
    int blockB = 0;
    while (i < n && j < m) {
      if (a[fromA + i].equals(b[fromB + j])) {
        block(a, fromA + blockA, fromA + i, b, fromB + blockB, fromB + j, rows);
        rows.add(new Row(a[fromA + i], b[fromB + j], "same"));
        i++;
        j++;
        blockA = i;
        blockB = j;
      } else if (common[i + 1][j] >= common[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    block(a, fromA + blockA, toA, b, fromB + blockB, toB, rows);
  }

  /** Lines removed and added between two shared ones, paired as changed while both last. */
  private static void block(
      String[] a, int fromA, int toA, String[] b, int fromB, int toB, List<Row> rows) {
    int n = toA - fromA;
    int m = toB - fromB;
    for (int k = 0; k < Math.max(n, m); k++) {
      String left = k < n ? a[fromA + k] : null;
      String right = k < m ? b[fromB + k] : null;
      rows.add(
          new Row(left, right, left == null ? "added" : right == null ? "removed" : "changed"));
    }
  }
}
