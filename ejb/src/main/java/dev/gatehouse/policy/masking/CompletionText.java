package dev.gatehouse.policy.masking;

/**
 * Finds the completion text in a streaming chunk's JSON — the string at the first of {@link #PATHS}
 * the document has — with one small hand-written parser instead of building an object model for
 * every event. The parser checks the whole document: anything that is not exactly one JSON object
 * is reported as not JSON, and the event's data is then masked as plain text.
 */
final class CompletionText {

  /** Where OpenAI, Anthropic and Ollama streaming chunks carry their text, first match wins. */
  static final String[][] PATHS = {
    {"choices", "0", "delta", "content"},
    {"choices", "0", "text"},
    {"choices", "0", "message", "content"},
    {"delta", "text"},
    {"message", "content"},
    {"response"}
  };

  /** The result for a document that is not a JSON object. */
  static final CompletionText NOT_JSON = new CompletionText(-1, -1, null);

  /** The result for a JSON object without completion text. */
  static final CompletionText NONE = new CompletionText(-1, -1, "");

  /** Where the string literal (quotes included) starts and ends in the document. */
  final int start;

  final int end;

  /** The text, escapes resolved; {@code null} when the document is not JSON. */
  final String text;

  private CompletionText(int start, int end, String text) {
    this.start = start;
    this.end = end;
    this.text = text;
  }

  boolean json() {
    return text != null;
  }

  boolean found() {
    return start >= 0;
  }

  /** Parses {@code json} and finds its completion text. */
  static CompletionText in(String json) {
    Parser p = new Parser(json);
    try {
      p.pos = p.skipSpace(0);
      if (p.pos >= json.length() || json.charAt(p.pos) != '{') {
        return NOT_JSON;
      }
      p.value(0, (1 << PATHS.length) - 1);
      if (p.skipSpace(p.pos) != json.length()) {
        return NOT_JSON;
      }
    } catch (IllegalArgumentException e) {
      return NOT_JSON;
    }
    if (p.bestPath < 0) {
      return NONE;
    }
    return new CompletionText(p.bestStart, p.bestEnd, p.bestText);
  }

  /** A recursive-descent JSON parser that remembers strings found at the {@link #PATHS}. */
  private static final class Parser {
    private static final int MAX_DEPTH = 64;

    private final String s;
    int pos;
    int bestPath = -1;
    int bestStart;
    int bestEnd;
    String bestText;

    Parser(String s) {
      this.s = s;
    }

    int skipSpace(int at) {
      while (at < s.length()) {
        char c = s.charAt(at);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          break;
        }
        at++;
      }
      return at;
    }

    private IllegalArgumentException bad() {
      return new IllegalArgumentException("not JSON");
    }

    private char peek() {
      if (pos >= s.length()) {
        throw bad();
      }
      return s.charAt(pos);
    }

    /** Parses the value at {@code pos}; {@code paths}: which paths this value lies on. */
    void value(int depth, int paths) {
      if (depth > MAX_DEPTH) {
        throw bad();
      }
      pos = skipSpace(pos);
      char c = peek();
      if (c == '{') {
        object(depth, paths);
      } else if (c == '[') {
        array(depth, paths);
      } else if (c == '"') {
        int start = pos;
        String text = string();
        for (int p = 0; p < PATHS.length; p++) {
          if ((paths & (1 << p)) != 0
              && PATHS[p].length == depth
              && (bestPath < 0 || p < bestPath)) {
            bestPath = p;
            bestStart = start;
            bestEnd = pos;
            bestText = text;
          }
        }
      } else if (c == 't') {
        literal("true");
      } else if (c == 'f') {
        literal("false");
      } else if (c == 'n') {
        literal("null");
      } else {
        number();
      }
    }

    private void object(int depth, int paths) {
      pos++;
      pos = skipSpace(pos);
      if (peek() == '}') {
        pos++;
        return;
      }
      while (true) {
        pos = skipSpace(pos);
        if (peek() != '"') {
          throw bad();
        }
        String key = string();
        pos = skipSpace(pos);
        if (peek() != ':') {
          throw bad();
        }
        pos++;
        value(depth + 1, narrow(paths, depth, key));
        pos = skipSpace(pos);
        char c = peek();
        pos++;
        if (c == '}') {
          return;
        }
        if (c != ',') {
          throw bad();
        }
      }
    }

    private void array(int depth, int paths) {
      pos++;
      pos = skipSpace(pos);
      if (peek() == ']') {
        pos++;
        return;
      }
      int index = 0;
      while (true) {
        value(depth + 1, paths == 0 ? 0 : narrow(paths, depth, Integer.toString(index)));
        index++;
        pos = skipSpace(pos);
        char c = peek();
        pos++;
        if (c == ']') {
          return;
        }
        if (c != ',') {
          throw bad();
        }
      }
    }

    private static int narrow(int paths, int depth, String token) {
      int narrowed = 0;
      for (int p = 0; p < PATHS.length; p++) {
        if ((paths & (1 << p)) != 0 && PATHS[p].length > depth && PATHS[p][depth].equals(token)) {
          narrowed |= 1 << p;
        }
      }
      return narrowed;
    }

    private String string() {
      pos++;
      int from = pos;
      StringBuilder decoded = null;
      while (true) {
        char c = peek();
        if (c == '"') {
          String text = decoded == null ? s.substring(from, pos) : decoded.toString();
          pos++;
          return text;
        }
        if (c < 0x20) {
          throw bad();
        }
        if (c == '\\') {
          if (decoded == null) {
            decoded = new StringBuilder(s.length() - from);
            decoded.append(s, from, pos);
          }
          pos++;
          char e = peek();
          switch (e) {
            case '"', '\\', '/' -> decoded.append(e);
            case 'b' -> decoded.append('\b');
            case 'f' -> decoded.append('\f');
            case 'n' -> decoded.append('\n');
            case 'r' -> decoded.append('\r');
            case 't' -> decoded.append('\t');
            case 'u' -> {
              if (pos + 4 >= s.length()) {
                throw bad();
              }
              int value = 0;
              for (int i = pos + 1; i <= pos + 4; i++) {
                int digit = Character.digit(s.charAt(i), 16);
                if (digit < 0) {
                  throw bad();
                }
                value = value * 16 + digit;
              }
              decoded.append((char) value);
              pos += 4;
            }
            default -> throw bad();
          }
          pos++;
        } else {
          if (decoded != null) {
            decoded.append(c);
          }
          pos++;
        }
      }
    }

    private void literal(String word) {
      if (!s.startsWith(word, pos)) {
        throw bad();
      }
      pos += word.length();
    }

    private void number() {
      int from = pos;
      if (pos < s.length() && s.charAt(pos) == '-') {
        pos++;
      }
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
          pos++;
        } else {
          break;
        }
      }
      if (pos == from || !Character.isDigit(s.charAt(pos - 1)) && s.charAt(pos - 1) != '.') {
        throw bad();
      }
    }
  }

  /** The text as a JSON string literal, quotes included. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
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
    return out.append('"').toString();
  }
}
