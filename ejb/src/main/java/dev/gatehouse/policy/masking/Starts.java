package dev.gatehouse.policy.masking;

/**
 * Where the built-in detectors' matches can start, so their patterns run anchored: each condition
 * is what the pattern's first element requires (a literal, a word boundary before a word character,
 * a quote), never more.
 */
final class Starts {

  private Starts() {}

  /** {@code \b} followed by one of the literals, {@code lead} characters on. */
  static Trigger.Start wordThen(int lead, String... literals) {
    return (text, p) -> {
      if (p > 0 && word(text.charAt(p - 1))) {
        return false;
      }
      for (String literal : literals) {
        if (text.startsWith(literal, p + lead)) {
          return true;
        }
      }
      return false;
    };
  }

  /** The literal itself, exactly. */
  static Trigger.Start literal(String literal) {
    return (text, p) -> text.startsWith(literal, p);
  }

  /** The literal in any case. */
  static Trigger.Start anyCase(String literal) {
    return (text, p) -> text.regionMatches(true, p, literal, 0, literal.length());
  }

  /** A character. */
  static Trigger.Start character(char c) {
    return (text, p) -> text.charAt(p) == c;
  }

  /** {@code \b} before a digit. */
  static boolean digitWord(String text, int p) {
    char c = text.charAt(p);
    return c >= '0' && c <= '9' && (p == 0 || !word(text.charAt(p - 1)));
  }

  /** {@code \b} before a capital. */
  static boolean capitalWord(String text, int p) {
    char c = text.charAt(p);
    return c >= 'A' && c <= 'Z' && (p == 0 || !word(text.charAt(p - 1)));
  }

  /**
   * A phone number: {@code +} before a digit 1–9; {@code (} before 2–9; or, at a word boundary, 2–9
   * and two more digits, or a leading {@code 1} (and a separator) before either — what the
   * pattern's first elements require. Positions glued to a preceding word, {@code -} or {@code .}
   * are left out: the validator turns those down.
   */
  static boolean phone(String text, int p) {
    if (!detached(text, p) || !tenDigitsAhead(text, p)) {
      return false;
    }
    char c = text.charAt(p);
    if (c == '+') {
      return between(text, p + 1, '1', '9');
    }
    if (!lastGroupAhead(text, p)) {
      return false;
    }
    if (c == '(') {
      return between(text, p + 1, '2', '9');
    }
    if (c == '1') {
      int at = p + 1;
      if (at < text.length()) {
        char s = text.charAt(at);
        if (s == ' ' || s == '.' || s == '-') {
          at++;
        }
      }
      return (at < text.length() && text.charAt(at) == '(') || areaCode(text, at);
    }
    return areaCode(text, p);
  }

  /**
   * Whether ten digits (the validator's least) follow within the longest phone match, before any
   * character a phone number cannot hold after its start: {@code +1 (555) +1 (555) …} has four.
   */
  private static boolean tenDigitsAhead(String text, int p) {
    int end = Math.min(text.length(), p + 38);
    int digits = 0;
    for (int i = text.charAt(p) == '+' ? p + 1 : p; i < end && digits < 10; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
        break;
      }
    }
    return digits >= 10;
  }

  /**
   * Whether the national form's last group — a separator and four digits — lies within its longest
   * match (16 characters) from {@code p}: runs like {@code 555 555 555 …} have none.
   */
  private static boolean lastGroupAhead(String text, int p) {
    int end = Math.min(text.length(), p + 16);
    for (int i = p + 1; i + 5 <= end; i++) {
      char c = text.charAt(i);
      if ((c == ' ' || c == '.' || c == '-')
          && between(text, i + 1, '0', '9')
          && between(text, i + 2, '0', '9')
          && between(text, i + 3, '0', '9')
          && between(text, i + 4, '0', '9')) {
        return true;
      }
    }
    return false;
  }

  /** {@code [2-9][0-9]{2}}. */
  private static boolean areaCode(String text, int p) {
    return between(text, p, '2', '9')
        && between(text, p + 1, '0', '9')
        && between(text, p + 2, '0', '9');
  }

  /** An IPv4 address: a digit at a word boundary not after a dot (the validator's condition). */
  static boolean ipv4(String text, int p) {
    return digitWord(text, p) && (p == 0 || text.charAt(p - 1) != '.');
  }

  /** A digit at a word boundary, not glued to a preceding number by {@code -} or {@code .}. */
  static boolean detachedDigit(String text, int p) {
    return digitWord(text, p) && detached(text, p);
  }

  /**
   * Not preceded by a letter, digit, {@code -} or {@code .} ({@link Checks#isolated}'s left side).
   */
  private static boolean detached(String text, int p) {
    if (p == 0) {
      return true;
    }
    char before = text.charAt(p - 1);
    return !Character.isLetterOrDigit(before) && before != '-' && before != '.';
  }

  private static boolean between(String text, int p, char low, char high) {
    if (p >= text.length()) {
      return false;
    }
    char c = text.charAt(p);
    return c >= low && c <= high;
  }

  /** An IPv6 address: hex or colon not glued to more of them (its validator insists too). */
  static boolean ipv6(String text, int p) {
    return hexOrColon(text.charAt(p)) && (p == 0 || !hexOrColon(text.charAt(p - 1)));
  }

  /** An e-mail address: {@code \b} before a character of the local part. */
  static boolean email(String text, int p) {
    char c = text.charAt(p);
    boolean local = word(c) || c == '.' || c == '%' || c == '+' || c == '-';
    return local && (p == 0 ? word(c) : word(c) != word(text.charAt(p - 1)));
  }

  static boolean word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean hexOrColon(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
  }
}
