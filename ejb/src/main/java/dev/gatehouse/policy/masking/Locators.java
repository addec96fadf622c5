package dev.gatehouse.policy.masking;

/**
 * The windows of the built-in anchored detectors: from an occurrence of an anchor literal, how far
 * a match can reach. Each walks only the characters its pattern allows, so that every match
 * containing the occurrence lies inside the window, with one character of context on either side
 * for {@code \b}. A secret's name and the space around its separator are looked at for at most
 * {@link #NAME_CHARS} characters.
 */
final class Locators {

  static final int NAME_CHARS = 64;

  private Locators() {}

  /** A token that starts {@code lead} characters before the literal and runs on token chars. */
  static Trigger.Locator token(int lead) {
    return (text, start, end) -> {
      int from = start - lead;
      if (from < 0) {
        return Window.NONE;
      }
      int to = end;
      while (to < text.length() && tokenChar(text.charAt(to))) {
        to++;
      }
      return Window.of(Math.max(0, from - 1), Math.min(text.length(), to + 1));
    };
  }

  /**
   * A token around an infix literal: at most {@code before} characters before the literal and
   * {@code after} after it (each token's longest reach), one more either side for context.
   */
  static Trigger.Locator around(int before, int after) {
    return (text, start, end) ->
        Window.of(Math.max(0, start - before - 1), Math.min(text.length(), end + after + 1));
  }

  /**
   * A URL around a literal of its host or path: back over at most {@code back} URL characters (the
   * scheme and subdomain), on over all of them.
   */
  static Trigger.Locator url(int back) {
    return (text, start, end) -> {
      int from = start;
      while (from > 0 && start - from < back && urlChar(text.charAt(from - 1))) {
        from--;
      }
      int to = end;
      while (to < text.length() && urlChar(text.charAt(to))) {
        to++;
      }
      return Window.of(Math.max(0, from - 1), Math.min(text.length(), to + 1));
    };
  }

  /**
   * {@code scheme://user:password@host} around its {@code ://}: the scheme before, and an {@code @}
   * before the first character that ends the authority.
   */
  static long urlCredentials(String text, int start, int end) {
    int from = start;
    while (from > 0 && start - from < 32 && schemeChar(text.charAt(from - 1))) {
      from--;
    }
    if (from == start) {
      return Window.NONE;
    }
    int at = end;
    while (at < text.length() && at - end < 512) {
      char c = text.charAt(at);
      if (c == '@') {
        return Window.of(Math.max(0, from - 1), Math.min(text.length(), at + 2));
      }
      if (space(c) || c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<'
          || c == '>') {
        break;
      }
      at++;
    }
    return Window.NONE;
  }

  /** A PEM block: from its BEGIN line to the end of the text (the pattern stops at its END). */
  static Trigger.Locator block() {
    return (text, start, end) -> Window.of(start, text.length());
  }

  /** An e-mail address around its {@code @}. */
  static long email(String text, int start, int end) {
    int from = start;
    while (from > 0 && localChar(text.charAt(from - 1))) {
      from--;
    }
    int to = end;
    boolean dot = false;
    while (to < text.length() && domainChar(text.charAt(to))) {
      dot |= text.charAt(to) == '.';
      to++;
    }
    if (from == start || !dot) {
      return Window.NONE;
    }
    return Window.of(Math.max(0, from - 1), Math.min(text.length(), to + 1));
  }

  /**
   * {@code NAME["']?\s*OP\s*["']?VALUE}: a secret assigned to a name, {@code OP} one of {@code =},
   * {@code :}, {@code :=}, {@code =>}, {@code ?=}.
   */
  static long assignment(String text, int start, int end) {
    int from = nameStart(text, start);
    int at = nameEnd(text, end);
    if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
      at++;
    }
    at = skipSpace(text, at);
    if (at >= text.length()) {
      return Window.NONE;
    }
    char op = text.charAt(at);
    if (op == '?' && at + 1 < text.length() && text.charAt(at + 1) == '=') {
      at++;
    } else if (op != ':' && op != '=') {
      return Window.NONE;
    }
    if (at + 1 < text.length() && (text.charAt(at + 1) == '=' || text.charAt(at + 1) == '>')) {
      at++;
    }
    at = skipSpace(text, at + 1);
    if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
      at++;
    }
    int value = at;
    while (at < text.length() && assignedChar(text.charAt(at))) {
      at++;
    }
    if (at - value < 4) {
      return Window.NONE;
    }
    return Window.of(Math.max(0, from - 1), Math.min(text.length(), at + 1));
  }

  /** {@code "NAME"\s*:\s*"VALUE"}: a JSON member named like a secret. */
  static long jsonField(String text, int start, int end) {
    int from = nameStart(text, start);
    int at = nameEnd(text, end);
    if (from == 0
        || text.charAt(from - 1) != '"'
        || at >= text.length()
        || text.charAt(at) != '"') {
      return Window.NONE;
    }
    at = skipSpace(text, at + 1);
    if (at >= text.length() || text.charAt(at) != ':') {
      return Window.NONE;
    }
    at = skipSpace(text, at + 1);
    if (at >= text.length() || text.charAt(at) != '"') {
      return Window.NONE;
    }
    at++;
    while (at < text.length() && text.charAt(at) != '"') {
      at += text.charAt(at) == '\\' ? 2 : 1;
    }
    if (at >= text.length()) {
      return Window.NONE;
    }
    return Window.of(from - 1, at + 1);
  }

  /** {@code aws…secret…["']?\s*[:=]\s*["']?} then a 40-character key. */
  static long awsSecret(String text, int start, int end) {
    int nameEnd = nameEnd(text, end);
    if (!containsIgnoreCase(text, end, nameEnd, "secret")) {
      return Window.NONE;
    }
    int at = nameEnd;
    if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
      at++;
    }
    at = skipSpace(text, at);
    if (at >= text.length() || (text.charAt(at) != ':' && text.charAt(at) != '=')) {
      return Window.NONE;
    }
    at = skipSpace(text, at + 1);
    if (at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'')) {
      at++;
    }
    return Window.of(start, Math.min(text.length(), at + 41));
  }

  /** {@code bearer\s+TOKEN}. */
  static long bearer(String text, int start, int end) {
    int at = skipSpace(text, end);
    if (at == end) {
      return Window.NONE;
    }
    int value = at;
    while (at < text.length() && bearerChar(text.charAt(at))) {
      at++;
    }
    while (at < text.length() && text.charAt(at) == '=') {
      at++;
    }
    if (at - value < 16) {
      return Window.NONE;
    }
    return Window.of(Math.max(0, start - 1), Math.min(text.length(), at + 1));
  }

  private static int nameStart(String text, int start) {
    int from = start;
    while (from > 0 && start - from < NAME_CHARS && nameChar(text.charAt(from - 1))) {
      from--;
    }
    return from;
  }

  private static int nameEnd(String text, int end) {
    int to = end;
    while (to < text.length() && to - end < NAME_CHARS && nameChar(text.charAt(to))) {
      to++;
    }
    return to;
  }

  private static int skipSpace(String text, int at) {
    int from = at;
    while (at < text.length() && at - from < NAME_CHARS && space(text.charAt(at))) {
      at++;
    }
    return at;
  }

  private static boolean containsIgnoreCase(String text, int from, int to, String lower) {
    for (int i = from; i + lower.length() <= to; i++) {
      if (text.regionMatches(true, i, lower, 0, lower.length())) {
        return true;
      }
    }
    return false;
  }

  /** {@code \s} of RE2: space, tab, newline, carriage return, form feed, vertical tab. */
  static boolean space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  static boolean tokenChar(char c) {
    return alnum(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == '+' || c == '=';
  }

  private static boolean urlChar(char c) {
    return tokenChar(c) || c == ':' || c == '@' || c == '~';
  }

  private static boolean schemeChar(char c) {
    return alnum(c) || c == '+' || c == '.' || c == '-';
  }

  private static boolean nameChar(char c) {
    return alnum(c) || c == '_' || c == '-';
  }

  private static boolean localChar(char c) {
    return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean domainChar(char c) {
    return alnum(c) || c == '.' || c == '-';
  }

  private static boolean bearerChar(char c) {
    return alnum(c) || c == '_' || c == '-' || c == '.' || c == '~' || c == '+' || c == '/';
  }

  /** {@code [^\s"'&,;<>]}: what a plainly assigned secret is made of. */
  private static boolean assignedChar(char c) {
    return !space(c) && c != '"' && c != '\'' && c != '&' && c != ',' && c != ';' && c != '<'
        && c != '>';
  }
}
