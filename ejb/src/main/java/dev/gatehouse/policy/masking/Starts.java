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

  /** A phone number: {@code +}, {@code (}, or {@code \b} before a digit. */
  static boolean phone(String text, int p) {
    char c = text.charAt(p);
    return c == '+' || c == '(' || digitWord(text, p);
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
