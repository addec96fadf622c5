package dev.gatehouse.policy.masking;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds and hides what the detectors know in a piece of text. Immutable and thread-safe.
 *
 * <p>Guarantees: every non-overlapping match of every detector that its validator accepts is
 * replaced; where matches overlap, the one that starts first wins (then the longer, then the
 * earlier detector), so a secret is never half-replaced by a shorter look-alike. JSON string
 * escapes that could hide a secret's characters are resolved before detection ({@link EscapeView}).
 * Running time is linear in the text: one {@link CandidateScanner} pass, then RE2/J only on the
 * candidate windows.
 */
public final class Masker {

  private static final Comparator<Finding> ORDER =
      Comparator.comparingInt(Finding::start).thenComparing(f -> -f.end());

  /**
   * The longest prefix of a built-in token format ({@code pypi-AgENdGVzdC5weXBpLm9yZw} has 27
   * characters): after a match its validator turned down, the search resumes this far before its
   * end. {@code TokenFormatsTest} keeps every prefix shorter.
   */
  static final int LONGEST_PREFIX = 32;

  /** Anchored tries per window before falling back to one search (which is linear). */
  private static final int ANCHORED_ATTEMPTS = 16;

  private final List<Detector> detectors;

  /** Per detector: its pattern after one character of context, for anchored matching. */
  private final Pattern[] anchored;

  /** Per detector: its hand-written matcher for common forms, or {@code null}. */
  private final Shape[] shapes;

  private final CandidateScanner scanner;
  private final boolean builtInOnly;
  private final MaskStyle style;
  private final byte[] hmacKey;

  public Masker(List<Detector> detectors, MaskStyle style, byte[] hmacKey) {
    this.detectors = List.copyOf(detectors);
    this.scanner = new CandidateScanner(this.detectors);
    this.anchored = new Pattern[this.detectors.size()];
    this.shapes = new Shape[this.detectors.size()];
    for (int d = 0; d < anchored.length; d++) {
      Pattern p = this.detectors.get(d).pattern();
      anchored[d] = Pattern.compile("(?s:.)(?:" + p.pattern() + ")", p.flags());
      shapes[d] = Detectors.shapeOf(this.detectors.get(d));
    }
    // Asked by every stream opened: once here, not a search of the built-in list per detector.
    this.builtInOnly = allBuiltIn(this.detectors);
    this.style = Objects.requireNonNull(style);
    this.hmacKey = hmacKey.clone();
    if (style == MaskStyle.HASH && hmacKey.length < 16) {
      throw new IllegalArgumentException("The masking HMAC key must have at least 16 bytes");
    }
  }

  /** Whether every detector is one of {@link Detectors#builtIn()}, whose shapes are known. */
  boolean builtInOnly() {
    return builtInOnly;
  }

  private static boolean allBuiltIn(List<Detector> detectors) {
    Set<Detector> builtIn = Collections.newSetFromMap(new IdentityHashMap<>());
    builtIn.addAll(Detectors.builtIn());
    return builtIn.containsAll(detectors);
  }

  /** The built-in detectors, redacting. */
  public static Masker redacting() {
    return new Masker(Detectors.builtIn(), MaskStyle.REDACT, new byte[16]);
  }

  /** The findings in the text, sorted by position, not overlapping. */
  public List<Finding> find(CharSequence text) {
    EscapeView view = EscapeView.of(text.toString());
    String s = view.text();
    @SuppressWarnings("unchecked")
    List<Finding>[] perDetector = new List[detectors.size()];
    scanner.scan(
        s,
        (d, from, to) -> {
          if (perDetector[d] == null) {
            perDetector[d] = new ArrayList<>(2);
          }
          Detector detector = detectors.get(d);
          if (detector.trigger().start() == null) {
            scan(detector, s, from, to, perDetector[d]);
          } else {
            scanAnchored(d, s, from, to, perDetector[d]);
          }
        });
    List<Finding> all = null;
    for (List<Finding> found : perDetector) {
      if (found != null && !found.isEmpty()) {
        if (all == null) {
          all = new ArrayList<>();
        }
        all.addAll(found);
      }
    }
    if (all == null) {
      return List.of();
    }
    // Stable sort keeps detector order among equal ranges.
    all.sort(ORDER);
    List<Finding> kept = new ArrayList<>(all.size());
    int reach = -1;
    for (Finding f : all) {
      if (f.start() >= reach) {
        kept.add(new Finding(view.raw(f.start()), view.raw(f.end()), f.detector(), f.value()));
        reach = f.end();
      }
    }
    return kept;
  }

  /**
   * Adds the validated matches of a detector whose matches start only where its {@link
   * Trigger.Start} says: the pattern is tried anchored at each such position, left to right, as an
   * unanchored search would find them, only faster.
   *
   * <p>A {@link Trigger.Numeric numeric} detector's matches are short: each try sees only its
   * longest match and one character either side, so the work per position is bounded, and after a
   * match its validator turned down the next start is tried (a card number right after a rejected
   * run of digits is still found). Other detectors fall back to one linear search after {@link
   * #ANCHORED_ATTEMPTS} tries in a window.
   */
  private void scanAnchored(int d, String text, int from, int to, List<Finding> into) {
    Detector detector = detectors.get(d);
    Trigger.Start starts = detector.trigger().start();
    int longest = detector.trigger() instanceof Trigger.Numeric n ? n.longest() : 0;
    int group = detector.group();
    int p = from;
    int attempts = 0;
    while (p < to) {
      if (!starts.at(text, p)) {
        p++;
        continue;
      }
      if (longest == 0 && ++attempts > ANCHORED_ATTEMPTS) {
        // Many starts in one window (a run of look-alikes): one linear search does the rest.
        scan(detector, text, Math.max(from, p - 1), to, into);
        return;
      }
      // Before the start goes one character of context, so that \b sees what precedes; after the
      // longest match one more, so that \b sees what follows.
      int offset = p == 0 ? 0 : p - 1;
      int limit = longest == 0 ? to : Math.min(to, p + longest + 1);
      int shaped = shapes[d] == null ? Shape.UNKNOWN : shapes[d].match(text, p, limit);
      if (shaped != Shape.UNKNOWN && group == 0) {
        if (shaped == Shape.NO_MATCH) {
          p++;
          continue;
        }
        boolean accepted = shaped > p && detector.validator().accepts(text, p, shaped);
        if (accepted) {
          into.add(new Finding(p, shaped, detector, text.substring(p, shaped)));
        }
        // After a look-alike the validator turned down, the next start may lie inside it: a
        // prefix holding a character its tail cannot ("xoxe.xoxp-…") begins a token there.
        p = accepted ? Math.max(shaped, p + 1) : p + 1;
        continue;
      }
      Matcher m =
          (p == 0 ? detector.pattern() : anchored[d]).matcher(text.substring(offset, limit));
      if (!m.lookingAt()) {
        p++;
        continue;
      }
      // Group 0 of the anchored pattern includes the context character.
      int start = group == 0 ? p : offset + m.start(group);
      int end = offset + m.end(group);
      boolean accepted =
          m.start(group) >= 0 && end > start && detector.validator().accepts(text, start, end);
      if (accepted) {
        into.add(new Finding(start, end, detector, text.substring(start, end)));
      }
      int next = offset + m.end() > p ? offset + m.end() : p + 1;
      if (group != 0 && end > start) {
        next = Math.max(p + 1, Math.min(next, end));
      }
      p = accepted || longest == 0 ? next : p + 1;
    }
  }

  /** Adds the validated matches of the detector in {@code [from, to)} of the text. */
  private static void scan(Detector detector, String text, int from, int to, List<Finding> into) {
    String region = from == 0 && to == text.length() ? text : text.substring(from, to);
    Matcher m = detector.pattern().matcher(region);
    int at = 0;
    while (at <= region.length() && m.find(at)) {
      int start = m.start(detector.group());
      int end = m.end(detector.group());
      boolean accepted =
          start >= 0 && end > start && detector.validator().accepts(text, from + start, from + end);
      if (accepted) {
        into.add(
            new Finding(
                from + start, from + end, detector, text.substring(from + start, from + end)));
      }
      at = m.end() > m.start() ? m.end() : m.start() + 1;
      if (detector.group() != 0 && end > start) {
        at = Math.max(m.start() + 1, Math.min(at, end));
      }
      if (!accepted) {
        // A token may start inside a look-alike turned down, but only where that look-alike's
        // tail ran into the token's prefix: within the longest prefix of its end.
        at = Math.max(m.start() + 1, Math.min(at, m.end() - LONGEST_PREFIX));
      }
    }
  }

  /** The text with every finding replaced. */
  public String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<Finding> findings = find(text);
    if (findings.isEmpty()) {
      return text;
    }
    return render(text, findings, 0, text.length(), 0);
  }

  /**
   * The masked text of {@code [from, to)}. A finding that starts inside is replaced; the characters
   * of a finding that started before {@code from} are dropped (its replacement went out with the
   * earlier region); characters before {@code suppressUntil} are dropped (they belong to a finding
   * already rendered before the text was trimmed).
   */
  String render(CharSequence text, List<Finding> findings, int from, int to, int suppressUntil) {
    StringBuilder out = new StringBuilder(to - from + 16);
    int i = from;
    for (Finding f : findings) {
      if (f.end() <= from || f.start() >= to) {
        continue;
      }
      if (f.start() >= from) {
        appendUnsuppressed(out, text, i, f.start(), suppressUntil);
        if (f.end() > suppressUntil) {
          out.append(replacement(f, text));
        }
      }
      i = Math.max(i, Math.min(f.end(), to));
    }
    appendUnsuppressed(out, text, i, to, suppressUntil);
    return out.toString();
  }

  private static void appendUnsuppressed(
      StringBuilder out, CharSequence text, int from, int to, int suppressUntil) {
    int start = Math.max(from, suppressUntil);
    if (start < to) {
      out.append(text, start, to);
    }
  }

  String replacement(Finding f, CharSequence text) {
    String label = f.detector().label();
    return switch (style) {
      case REDACT -> "[" + label + "]";
      case PARTIAL -> {
        String value = f.value();
        String last = value.length() < 8 ? "" : value.substring(value.length() - 4);
        // Kept characters go back into the text as they are: none that could break its syntax.
        yield last.isEmpty() || !plain(last) ? "[" + label + "]" : "[" + label + ":…" + last + "]";
      }
      case HASH -> "[" + label + ":" + hmac(f.value()) + "]";
    };
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c == '\'' || c == '<' || c == '>' || c == '&') {
        return false;
      }
    }
    return true;
  }

  private String hmac(CharSequence value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
      byte[] digest = mac.doFinal(value.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
