package dev.gatehouse.platform;

/** JSON text written by hand where a builder would be too much: a string literal. */
public final class JsonText {

  private JsonText() {}

  /**
   * The text as a JSON string literal, quotes included, with only the escapes JSON requires and the
   * short forms where JSON has one (RFC 8785's choice, so the literal is canonical too).
   */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    quote(text, out);
    return out.toString();
  }

  /** Appends {@link #quote(String) the literal} of the text to {@code out}. */
  public static void quote(String text, StringBuilder out) {
    out.append('"');
    int plain = 0;
    while (plain < text.length() && !needsEscape(text.charAt(plain))) {
      plain++;
    }
    if (plain == text.length()) {
      out.append(text).append('"');
      return;
    }
    out.append(text, 0, plain);
    for (int i = plain; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean needsEscape(char c) {
    return c < 0x20 || c == '"' || c == '\\';
  }
}
