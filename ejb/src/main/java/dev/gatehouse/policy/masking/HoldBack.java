package dev.gatehouse.policy.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides how much of a growing text may be let out: everything before the point where a secret
 * could still be forming. The held tail is the longest of: the trailing run without whitespace (a
 * key, a JWT, an e-mail address), a trailing run of digits and separators (a card or phone number
 * written in groups, an IBAN), a secret's name still waiting for its value, an open PEM block; and
 * it never cuts through a finding.
 *
 * <p>Bounds: at most {@code window} characters are held for tokens ({@link Detectors#LONGEST_TOKEN}
 * by default — nothing a detector matches is longer); an open PEM private key block is held whole
 * up to {@code pemWindow} characters (a 16 KiB default: an RSA-8192 key is about 6.5 KiB), and
 * beyond that masking fails rather than let the block out.
 */
final class HoldBack {

  /**
   * Names of secrets (lower case) that may still be waiting for their value when they occur near
   * the end of the text: {@code (?i)(password|…|aws)[^\n]{0,80}$}, matched by hand.
   */
  private static final String[] PENDING_NAMES = {
    "passw",
    "passphrase",
    "pwd",
    "secret",
    "token",
    "api_key",
    "api-key",
    "apikey",
    "access_key",
    "access-key",
    "accesskey",
    "private_key",
    "private-key",
    "privatekey",
    "credential",
    "bearer",
    "aws",
    // The context detectors: a header's scheme, a CLI's flags, a setting's value may follow.
    "authorization",
    "mysql",
    "mariadb",
    "sshpass",
    "redis-cli",
    "curl",
    "<add key="
  };

  /**
   * Name endings common in prose ("the key is…"), pending only while an assignment to them is still
   * forming: the name, then nothing but a quote, spaces, an operator and a value without whitespace
   * up to the end ({@code DATADOG_APP_KEY: 'ab…}).
   */
  private static final String[] ASSIGNMENT_NAMES = {
    "key", "auth", "creds", "cookie", "session", "signature"
  };

  private static final int VALUE_PENDING = 80;

  private static final int NAME_LOOKBACK = 120;
  private static final int GROUPED_NUMBER = 64;
  private static final String PEM_BEGIN = "-----BEGIN";
  private static final String PEM_END = "-----END";

  private final int window;
  private final int pemWindow;

  HoldBack(int window, int pemWindow) {
    this.window = window;
    this.pemWindow = pemWindow;
  }

  /**
   * How many leading characters of {@code text} are safe to release.
   *
   * @param findings the findings in {@code text}, sorted
   * @throws MaskingFailed when an open PEM block outgrows its window
   */
  int safePoint(StringBuilder text, List<Finding> findings) throws MaskingFailed {
    int length = text.length();
    int point = length;

    int word = length;
    while (word > 0 && length - word < window && !Character.isWhitespace(text.charAt(word - 1))) {
      word--;
    }
    point = Math.min(point, word);

    int grouped = length;
    boolean digit = false;
    while (grouped > 0
        && length - grouped < GROUPED_NUMBER
        && groupedChar(text.charAt(grouped - 1))) {
      digit |= Character.isDigit(text.charAt(grouped - 1));
      grouped--;
    }
    if (digit) {
      point = Math.min(point, grouped);
    }

    point = Math.min(point, pendingName(text));

    int begin = text.lastIndexOf(PEM_BEGIN);
    if (begin >= 0 && !closed(text, begin)) {
      if (length - begin > pemWindow) {
        throw new MaskingFailed("An open PEM block outgrew the masking window", null);
      }
      point = Math.min(point, begin);
    } else if (begin < 0 && endsWithPartOf(text, PEM_BEGIN)) {
      point = Math.min(point, length - PEM_BEGIN.length());
    }

    // Never cut through a finding, nor let out one that touches the end and could still grow.
    for (int pass = 0; pass < 2; pass++) {
      for (Finding f : findings) {
        if (f.start() < point && (f.end() > point || f.end() == length)) {
          point = f.start();
        }
      }
    }
    return Math.max(0, point);
  }

  /** {@link #PENDING_NAMES} by their first character, for one pass over the tail. */
  private static final String[][] NAMES_BY_FIRST = new String[128][];

  private static final int LONGEST_NAME;

  static {
    int longest = 0;
    List<String> all = new ArrayList<>(List.of(PENDING_NAMES));
    all.addAll(List.of(ASSIGNMENT_NAMES));
    for (String name : all) {
      char first = name.charAt(0);
      String[] same = NAMES_BY_FIRST[first] == null ? new String[0] : NAMES_BY_FIRST[first];
      String[] more = Arrays.copyOf(same, same.length + 1);
      more[same.length] = name;
      NAMES_BY_FIRST[first] = more;
      longest = Math.max(longest, name.length());
    }
    LONGEST_NAME = longest;
  }

  /**
   * Where the earliest secret name starts that has at most {@link #VALUE_PENDING} characters and no
   * line end after it, or the text's length. One pass from the first position such a name can
   * start, trying at each position only the names that begin with its character.
   */
  private static int pendingName(StringBuilder text) {
    int length = text.length();
    int lookFrom = Math.max(0, length - NAME_LOOKBACK);
    int lineStart = lookFrom;
    for (int i = length - 1; i >= lookFrom; i--) {
      if (text.charAt(i) == '\n') {
        lineStart = i + 1;
        break;
      }
    }
    for (int at = Math.max(lineStart, length - VALUE_PENDING - LONGEST_NAME); at < length; at++) {
      char c = lower(text.charAt(at));
      String[] names = c < 128 ? NAMES_BY_FIRST[c] : null;
      if (names == null) {
        continue;
      }
      for (String name : names) {
        if (length - at - name.length() <= VALUE_PENDING
            && startsWithLower(text, at, name)
            && (!isAssignmentName(name) || assignmentForming(text, at + name.length()))) {
          return nameStart(text, at);
        }
      }
    }
    return length;
  }

  /**
   * Where the identifier holding a secret's name begins: back over the characters a name is made of
   * ({@code client_} of {@code "client_secret"}) and the quote that opens it. The detectors match
   * from there; let out alone, that beginning would be gone when the value comes, and the value
   * with it unmasked.
   */
  private static int nameStart(StringBuilder text, int at) {
    int start = at;
    while (start > 0 && nameChar(text.charAt(start - 1))) {
      start--;
    }
    if (start > 0 && (text.charAt(start - 1) == '"' || text.charAt(start - 1) == '\'')) {
      start--;
    }
    return start;
  }

  private static boolean nameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.';
  }

  private static boolean isAssignmentName(String name) {
    for (String a : ASSIGNMENT_NAMES) {
      if (a == name) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the text from {@code at} to its end is a quote, spaces, an operator and a value still
   * without whitespace: {@code ": 'ab"}, {@code "="}, {@code ""}.
   */
  private static boolean assignmentForming(StringBuilder text, int at) {
    int i = at;
    int length = text.length();
    if (i < length && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
      i++;
    }
    while (i < length && text.charAt(i) == ' ') {
      i++;
    }
    int operator = i;
    while (i < length && ":=>?".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    if (i == operator) {
      return i == length;
    }
    while (i < length && text.charAt(i) == ' ') {
      i++;
    }
    while (i < length && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i == length;
  }

  /**
   * Whether {@code name} (lower case) occurs at {@code at}, the text folded to ASCII lower case.
   */
  private static boolean startsWithLower(StringBuilder text, int at, String name) {
    if (at + name.length() > text.length()) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      if (lower(text.charAt(at + i)) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /** Whether the block opened at {@code begin} has its complete END line. */
  private static boolean closed(StringBuilder text, int begin) {
    int end = text.indexOf(PEM_END, begin);
    return end >= 0 && text.indexOf("-----", end + PEM_END.length()) >= 0;
  }

  private static boolean groupedChar(char c) {
    return (c >= '0' && c <= '9')
        || (c >= 'A' && c <= 'Z')
        || c == ' '
        || c == '+'
        || c == '('
        || c == ')'
        || c == '-'
        || c == '.';
  }

  private static boolean endsWithPartOf(StringBuilder text, String marker) {
    for (int n = Math.min(marker.length() - 1, text.length()); n > 0; n--) {
      if (text.indexOf(marker.substring(0, n), text.length() - n) >= 0) {
        return true;
      }
    }
    return false;
  }
}
