package dev.gatehouse.policy.masking;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Finds, in one pass over a text, the small windows where the detectors' regular expressions are
 * worth running: occurrences of the detectors' anchor literals (an Aho–Corasick automaton over all
 * of them, case-folded for ASCII), and digits and colons for the {@link Trigger.Numeric numeric}
 * detectors. Most text — prose, JSON structure, hashes, timestamps — never reaches a regular
 * expression at all, which is what makes masking fast: RE2/J is linear but slow per character.
 *
 * <p>Windows of one detector that overlap are merged, and an occurrence inside a window already
 * found is not looked at again, so the work stays linear in the text whatever it contains.
 * Immutable and thread-safe.
 */
final class CandidateScanner {

  /** Receives the windows, per detector, in increasing order, not overlapping. */
  interface Sink {
    void window(int detector, int from, int to);
  }

  private final Trigger[] triggers;
  private final int[] everywhere;

  /** The distinct alphabets of the numeric detectors, and per alphabet its detectors. */
  private final Alphabet[] alphabets;

  private final int[][] alphabetDetectors;

  /**
   * The union of the numeric alphabets without lower-case letters (digits, capitals, separators): a
   * digit whose run of the union is shorter than any of them needs is passed over by all of them at
   * once — the usual case for digits inside words, hashes and small numbers.
   */
  private final Alphabet gate;

  private final boolean[] gated;

  /** ASCII character → class of the automaton (0: in no literal). */
  private final byte[] classOf = new byte[128];

  private final int classes;

  /**
   * Rows of {@link #next} are {@code 1 << rowShift} wide: a state's row is {@code state <<
   * rowShift}.
   */
  private final int rowShift;

  /**
   * Row of a state + class → row of the next state. Rows, not state numbers, so that the loop's
   * chain of dependent loads carries no multiplication.
   */
  private final int[] next;

  /** state → indexes into {@link #literals} that end in this state (via failure links too). */
  private final int[][] output;

  private final String[] literals;
  private final boolean[] anyCase;
  private final int[] literalDetector;

  CandidateScanner(List<Detector> detectors) {
    int n = detectors.size();
    triggers = new Trigger[n];
    List<Integer> all = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    List<String> lits = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      Trigger t = detectors.get(d).trigger();
      triggers[d] = t;
      if (t instanceof Trigger.Everywhere) {
        all.add(d);
      } else if (t instanceof Trigger.Numeric) {
        numbers.add(d);
      } else if (t instanceof Trigger.Anchored anchored) {
        for (String literal : anchored.literals()) {
          lits.add(literal);
          owners.add(d);
        }
      }
    }
    everywhere = all.stream().mapToInt(Integer::intValue).toArray();
    List<Alphabet> distinct = new ArrayList<>();
    List<List<Integer>> byAlphabet = new ArrayList<>();
    for (int d : numbers) {
      Alphabet alphabet = ((Trigger.Numeric) triggers[d]).alphabet();
      int index = distinct.indexOf(alphabet);
      if (index < 0) {
        distinct.add(alphabet);
        byAlphabet.add(new ArrayList<>());
        index = distinct.size() - 1;
      }
      byAlphabet.get(index).add(d);
    }
    alphabets = distinct.toArray(Alphabet[]::new);
    gated = new boolean[alphabets.length];
    List<Alphabet> gatedAlphabets = new ArrayList<>();
    for (int a = 0; a < alphabets.length; a++) {
      gated[a] = !alphabets[a].hasLowerCase();
      if (gated[a]) {
        gatedAlphabets.add(alphabets[a]);
      }
    }
    gate = Alphabet.union(gatedAlphabets);
    alphabetDetectors = new int[alphabets.length][];
    for (int a = 0; a < alphabets.length; a++) {
      alphabetDetectors[a] = byAlphabet.get(a).stream().mapToInt(Integer::intValue).toArray();
    }
    literals = lits.toArray(String[]::new);
    literalDetector = owners.stream().mapToInt(Integer::intValue).toArray();
    anyCase = new boolean[literals.length];

    // Character classes: every ASCII character of a literal, case-folded.
    byte count = 1;
    for (String literal : literals) {
      for (char c : literal.toLowerCase(Locale.ROOT).toCharArray()) {
        if (c >= 128) {
          throw new IllegalArgumentException("Anchor literals are ASCII: " + literal);
        }
        if (classOf[c] == 0) {
          classOf[c] = count;
          if (c >= 'a' && c <= 'z') {
            classOf[Character.toUpperCase(c)] = count;
          }
          count++;
        }
      }
    }
    classes = count;

    // The trie.
    List<int[]> goTo = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    goTo.add(newRow());
    out.add(new ArrayList<>());
    for (int i = 0; i < literals.length; i++) {
      anyCase[i] = Trigger.Anchored.anyCase(literals[i]);
      int state = 0;
      for (char c : literals[i].toLowerCase(Locale.ROOT).toCharArray()) {
        int cls = classOf[c];
        if (goTo.get(state)[cls] < 0) {
          goTo.get(state)[cls] = goTo.size();
          goTo.add(newRow());
          out.add(new ArrayList<>());
        }
        state = goTo.get(state)[cls];
      }
      out.get(state).add(i);
    }

    // Failure links, breadth first, folded into a dense transition table.
    int states = goTo.size();
    int[] fail = new int[states];
    int[] next = new int[states * classes];
    Deque<Integer> queue = new ArrayDeque<>();
    for (int cls = 0; cls < classes; cls++) {
      int s = goTo.get(0)[cls];
      next[cls] = s < 0 ? 0 : s;
      if (s > 0) {
        fail[s] = 0;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      out.get(state).addAll(out.get(fail[state]));
      for (int cls = 0; cls < classes; cls++) {
        int s = goTo.get(state)[cls];
        if (s < 0) {
          next[state * classes + cls] = next[fail[state] * classes + cls];
        } else {
          fail[s] = next[fail[state] * classes + cls];
          next[state * classes + cls] = s;
          queue.add(s);
        }
      }
    }
    output = new int[states][];
    for (int s = 0; s < states; s++) {
      output[s] = out.get(s).isEmpty() ? null : out.get(s).stream().mapToInt(i -> i).toArray();
    }
    rowShift = 32 - Integer.numberOfLeadingZeros(Math.max(1, classes - 1));
    this.next = new int[states << rowShift];
    for (int s = 0; s < states; s++) {
      for (int cls = 0; cls < classes; cls++) {
        this.next[(s << rowShift) + cls] = next[s * classes + cls] << rowShift;
      }
    }
  }

  private int[] newRow() {
    int[] row = new int[classes];
    Arrays.fill(row, -1);
    return row;
  }

  /** Calls the sink with every window of the text worth matching, per detector. */
  void scan(String text, Sink sink) {
    int length = text.length();
    int detectors = triggers.length;
    for (int d : everywhere) {
      sink.window(d, 0, length);
    }
    if (length == 0) {
      return;
    }
    // Per detector: the window not yet handed to the sink, and how far occurrences are covered.
    int[] pendingFrom = new int[detectors];
    int[] pendingTo = new int[detectors];
    int[] covered = new int[detectors];
    int[] runCovered = new int[alphabets.length + 1];
    // The word around the last digit looked at: {start, end, 1 if it has a lower-case letter}.
    int[] word = new int[3];
    Arrays.fill(pendingTo, -1);
    int numbersCovered = alphabets.length == 0 ? Integer.MAX_VALUE : 0;

    int row = 0;
    int[] table = next;
    byte[] cls = classOf;
    int shift = rowShift;
    int[][] outputs = output;
    // A plain array: the loop runs once per character, without String's per-call checks.
    char[] chars = text.toCharArray();
    for (int i = 0; i < length; i++) {
      char c = chars[i];
      if (c < 128) {
        row = table[row + cls[c]];
        int[] found = outputs[row >>> shift];
        if (found != null) {
          anchorsEndingAt(text, i + 1, found, pendingFrom, pendingTo, covered, sink);
        }
        if (i >= numbersCovered
            && ((c >= '0' && c <= '9') || (c == ':' && colonMayJoin(chars, i)))) {
          numbersCovered = numberAt(text, i, runCovered, word, pendingFrom, pendingTo, sink);
        }
      } else {
        row = 0;
      }
    }
    for (int d = 0; d < detectors; d++) {
      if (pendingTo[d] >= 0) {
        sink.window(d, pendingFrom[d], pendingTo[d]);
      }
    }
  }

  /**
   * Whether a colon can be part of a numeric match: only IPv6 addresses hold colons, and there a
   * colon always has a hexadecimal digit or another colon beside it. Most colons in JSON ({@code
   * "role":"user"}) have neither, and are passed over without looking at any run.
   */
  private static boolean colonMayJoin(char[] chars, int at) {
    return (at > 0 && hexOrColon(chars[at - 1]))
        || (at + 1 < chars.length && hexOrColon(chars[at + 1]));
  }

  private static boolean hexOrColon(char c) {
    return (c >= '0' && c <= ':') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  }

  private void anchorsEndingAt(
      String text,
      int end,
      int[] found,
      int[] pendingFrom,
      int[] pendingTo,
      int[] covered,
      Sink sink) {
    for (int literal : found) {
      String l = literals[literal];
      int start = end - l.length();
      int d = literalDetector[literal];
      if (start < covered[d] || (!anyCase[literal] && !text.startsWith(l, start))) {
        continue;
      }
      long window = ((Trigger.Anchored) triggers[d]).locator().window(text, start, end);
      if (window != Window.NONE) {
        int from = Window.from(window);
        int to = Window.to(window);
        covered[d] = Math.max(covered[d], to - 1);
        offer(d, from, to, pendingFrom, pendingTo, sink);
      }
    }
  }

  /**
   * Looks at the run of each numeric alphabet around a digit or colon not yet covered.
   *
   * @return up to where every alphabet's runs are covered now
   */
  private int numberAt(
      String text,
      int at,
      int[] runCovered,
      int[] word,
      int[] pendingFrom,
      int[] pendingTo,
      Sink sink) {
    char c = text.charAt(at);
    int length = text.length();
    int gateEnd = -1;
    if (c != ':') {
      // A digit in a word with a lower-case letter (a hash, an id, "v2beta") is never part of a
      // gated match: each of them is bounded by \b and made of digits, capitals and separators.
      // Each word is walked once, however many of its digits are looked at ("A1B2C3…", "1_1_…").
      if (at >= word[1]) {
        int start = at;
        boolean lower = false;
        while (start > 0 && Starts.word(text.charAt(start - 1))) {
          start--;
          lower |= Character.isLowerCase(text.charAt(start));
        }
        int end = at + 1;
        while (end < length && Starts.word(text.charAt(end))) {
          lower |= Character.isLowerCase(text.charAt(end));
          end++;
        }
        word[0] = start;
        word[1] = end;
        word[2] = lower ? 1 : 0;
      }
      if (word[2] == 1) {
        gateEnd = word[1];
      }
    }
    int gateSlot = alphabets.length;
    if (gateEnd < 0 && gate.has(c) && at >= runCovered[gateSlot]) {
      int start = at;
      while (start > 0 && gate.has(text.charAt(start - 1))) {
        start--;
      }
      int digits = 0;
      for (int i = start; i < at; i++) {
        char d = text.charAt(i);
        digits += d >= '0' && d <= '9' ? 1 : 0;
      }
      int end = at;
      while (end < length && gate.has(text.charAt(end))) {
        char d = text.charAt(end);
        digits += d >= '0' && d <= '9' ? 1 : 0;
        end++;
      }
      // Walked once per run: a long run is left to each alphabet's own runs.
      runCovered[gateSlot] = end;
      if (end - start < gate.minLength()) {
        gateEnd = end;
      } else {
        // An alphabet whose matches need more digits than the whole run has ("2024-01-15" for
        // cards and phones) is done with this run at once; its runs lie inside it.
        for (int a = 0; a < alphabets.length; a++) {
          if (gated[a] && digits < alphabets[a].minDigits()) {
            runCovered[a] = Math.max(runCovered[a], end);
          }
        }
      }
    }
    int coveredAll = Integer.MAX_VALUE;
    for (int a = 0; a < alphabets.length; a++) {
      Alphabet alphabet = alphabets[a];
      if (gated[a] && gateEnd >= 0) {
        runCovered[a] = Math.max(runCovered[a], gateEnd);
      } else if (at >= runCovered[a]) {
        if (!alphabet.has(c)) {
          runCovered[a] = at + 1;
        } else {
          int start = at;
          while (start > 0 && alphabet.has(text.charAt(start - 1))) {
            start--;
          }
          int end = at + 1;
          while (end < length && alphabet.has(text.charAt(end))) {
            end++;
          }
          runCovered[a] = end;
          if (end - start >= alphabet.minLength()) {
            for (int d : alphabetDetectors[a]) {
              if (((Trigger.Numeric) triggers[d]).check().worthMatching(text, start, end)) {
                offer(
                    d,
                    Math.max(0, start - 1),
                    Math.min(length, end + 1),
                    pendingFrom,
                    pendingTo,
                    sink);
              }
            }
          }
        }
      }
      coveredAll = Math.min(coveredAll, runCovered[a]);
    }
    return coveredAll;
  }

  private static void offer(
      int d, int from, int to, int[] pendingFrom, int[] pendingTo, Sink sink) {
    if (pendingTo[d] >= 0 && from <= pendingTo[d]) {
      pendingFrom[d] = Math.min(pendingFrom[d], from);
      pendingTo[d] = Math.max(pendingTo[d], to);
      return;
    }
    if (pendingTo[d] >= 0) {
      sink.window(d, pendingFrom[d], pendingTo[d]);
    }
    pendingFrom[d] = from;
    pendingTo[d] = to;
  }
}
