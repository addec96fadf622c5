package dev.gatehouse.policy.masking;

import com.google.re2j.Matcher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds and hides what the detectors know in a piece of text. Immutable and thread-safe.
 *
 * <p>Guarantees: every non-overlapping match of every detector that its validator accepts is
 * replaced; where matches overlap, the one that starts first wins (then the longer, then the
 * earlier detector), so a secret is never half-replaced by a shorter look-alike. Running time is
 * linear in the text (RE2/J) times the number of detectors.
 */
public final class Masker {

  private static final Comparator<Finding> ORDER =
      Comparator.comparingInt(Finding::start).thenComparing(f -> -f.end());

  private static final int NAME_BEFORE = 64;
  private static final int VALUE_AFTER = 4160;

  private final List<Detector> detectors;
  private final MaskStyle style;
  private final byte[] hmacKey;

  public Masker(List<Detector> detectors, MaskStyle style, byte[] hmacKey) {
    this.detectors = List.copyOf(detectors);
    this.style = Objects.requireNonNull(style);
    this.hmacKey = hmacKey.clone();
    if (style == MaskStyle.HASH && hmacKey.length < 16) {
      throw new IllegalArgumentException("The masking HMAC key must have at least 16 bytes");
    }
  }

  /** The built-in detectors, redacting. */
  public static Masker redacting() {
    return new Masker(Detectors.builtIn(), MaskStyle.REDACT, new byte[16]);
  }

  /** The findings in the text, sorted by position, not overlapping. */
  public List<Finding> find(CharSequence text) {
    String asString = text.toString();
    String lowerCase = asString.toLowerCase(Locale.ROOT);
    List<Finding> all = new ArrayList<>();
    Map<Alphabet, List<int[]>> regions = new HashMap<>();
    for (int index = 0; index < detectors.size(); index++) {
      Detector detector = detectors.get(index);
      if (!detector.worthRunningOn(asString, lowerCase)) {
        continue;
      }
      if (detector.alphabet() != null) {
        List<int[]> runs = regions.computeIfAbsent(detector.alphabet(), a -> a.regions(asString));
        for (int[] run : runs) {
          if (detector.hints().isEmpty()
              || detector.worthRunningOn(
                  asString.substring(run[0], run[1]),
                  asString.substring(run[0], run[1]).toLowerCase(Locale.ROOT))) {
            scan(detector, asString, run[0], run[1], all);
          }
        }
      } else if (detector.windowed() && lowerCase.length() == asString.length()) {
        for (int[] window : windows(detector, lowerCase, asString)) {
          scan(detector, asString, window[0], window[1], all);
        }
      } else {
        scan(detector, asString, 0, asString.length(), all);
      }
    }
    if (all.size() <= 1) {
      return all;
    }
    // Stable sort keeps detector order among equal ranges.
    all.sort(ORDER);
    List<Finding> kept = new ArrayList<>(all.size());
    int reach = -1;
    for (Finding f : all) {
      if (f.start() >= reach) {
        kept.add(f);
        reach = f.end();
      }
    }
    return kept;
  }

  /**
   * The stretches of text around each occurrence of a hint (any case): a name-anchored detector's
   * match starts at most {@link #NAME_BEFORE} characters before its name and ends at most {@link
   * #VALUE_AFTER} after it.
   */
  private static List<int[]> windows(Detector detector, String lowerCase, String text) {
    List<int[]> windows = new ArrayList<>();
    for (String hint : detector.hints()) {
      String h = hint.toLowerCase(Locale.ROOT);
      for (int at = lowerCase.indexOf(h); at >= 0; at = lowerCase.indexOf(h, at + 1)) {
        windows.add(
            new int[] {
              Math.max(0, at - NAME_BEFORE), Math.min(text.length(), at + h.length() + VALUE_AFTER)
            });
      }
    }
    windows.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] w : windows) {
      if (!merged.isEmpty() && w[0] <= merged.get(merged.size() - 1)[1]) {
        int[] last = merged.get(merged.size() - 1);
        last[1] = Math.max(last[1], w[1]);
      } else {
        merged.add(w);
      }
    }
    return merged;
  }

  /** Adds the validated matches of the detector in {@code [from, to)} of the text. */
  private static void scan(Detector detector, String text, int from, int to, List<Finding> into) {
    String region = from == 0 && to == text.length() ? text : text.substring(from, to);
    Matcher m = detector.pattern().matcher(region);
    int at = 0;
    while (at <= region.length() && m.find(at)) {
      int start = m.start(detector.group());
      int end = m.end(detector.group());
      if (start >= 0
          && end > start
          && detector.validator().accepts(text, from + start, from + end)) {
        into.add(new Finding(from + start, from + end, detector));
      }
      at = m.end() > m.start() ? m.end() : m.start() + 1;
      if (detector.group() != 0 && end > start) {
        at = Math.max(m.start() + 1, Math.min(at, end));
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
        int length = f.end() - f.start();
        yield length < 8
            ? "[" + label + "]"
            : "[" + label + ":…" + text.subSequence(f.end() - 4, f.end()) + "]";
      }
      case HASH -> "[" + label + ":" + hmac(text.subSequence(f.start(), f.end())) + "]";
    };
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
