package dev.gatehouse.policy.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The string leaves of a streaming event's JSON, each with the lane it continues: the text a model
 * streams in pieces — completion text of any choice, tool-call arguments, reasoning, Responses API
 * deltas, Anthropic text/JSON/thinking deltas, Ollama lines — is the concatenation, lane by lane,
 * of the leaves of successive events. A lane is the leaf's path, where an object's lane members
 * ({@link #LANE_MEMBERS}: {@code index}, {@code output_index}, …) stand for it — in place of its
 * position when it is an array element, so {@code choices[{index=1}]} is choice 1 wherever it sits
 * in the array — and the top-level {@code type} tells event kinds apart (a {@code .done} event's
 * full text is not one more piece of the deltas). Members that label an event rather than carry
 * streamed text ({@link #LABELS}: ids, model, role, type, …) are not leaves; they are masked within
 * their own event. One hand-written parser checks the whole document: anything that is not exactly
 * one JSON object is reported as not JSON.
 */
final class StreamLeaves {

  /** Members whose value names a lane rather than carrying text. */
  static final Set<String> LANE_MEMBERS =
      Set.of("index", "output_index", "content_index", "summary_index", "item_id");

  /**
   * Members whose value is whole in every event that has it (identifiers, names, states): joined
   * into a lane they would form a run without spaces that never ends, and hold every event. MCP's
   * {@code jsonrpc} and {@code method} are such labels too: held back, a request the server sends
   * its client in the middle of an answer would wait for the next event, which the server sends
   * only once the client has answered.
   */
  static final Set<String> LABELS =
      Set.of(
          "id",
          "jsonrpc",
          "method",
          "object",
          "model",
          "type",
          "role",
          "name",
          "status",
          "call_id",
          "item_id",
          "created_at",
          "finish_reason",
          "stop_reason",
          "stop_sequence",
          "done_reason",
          "system_fingerprint",
          "service_tier",
          "signature",
          "obfuscation");

  /**
   * One string leaf.
   *
   * @param lane the lane it continues
   * @param family its lane with the lane members and the event type left out: lanes of one family
   *     (choice 0 and choice 1, Responses text and arguments deltas) take turns in a stream, so one
   *     of them arriving does not end the others
   * @param start where its string literal (quotes included) starts in the document
   * @param end where it ends
   * @param text the string, escapes resolved
   */
  record Leaf(String lane, String family, int start, int end, String text) {}

  private StreamLeaves() {}

  /** The document's string leaves, or {@code null} when it is not one JSON object. */
  static List<Leaf> in(String json) {
    Parser p = new Parser(json);
    try {
      p.pos = p.skipSpace(0);
      if (p.pos >= json.length() || json.charAt(p.pos) != '{') {
        return null;
      }
      Frame root = new Frame(null, "", true);
      p.object(0, root);
      if (p.skipSpace(p.pos) != json.length()) {
        return null;
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    List<Leaf> leaves = new ArrayList<>(p.found.size());
    for (Found f : p.found) {
      leaves.add(
          new Leaf(f.frame.lane(f.member), f.frame.family(f.member), f.start, f.end, f.text));
    }
    return leaves;
  }

  /**
   * An object (or array) on the way to a leaf. Its lane members are only known once it has been
   * read whole, so leaves keep their frame and are named after the parse.
   */
  private static final class Frame {
    final Frame parent;

    /** How the parent reaches this frame: {@code .name} or, for an array element, {@code [i]}. */
    final String step;

    final boolean element;
    final StringBuilder ids = new StringBuilder();
    String type;

    Frame(Frame parent, String step, boolean element) {
      this.parent = parent;
      this.step = step;
      this.element = element;
    }

    String lane(String member) {
      return path(true) + "." + member;
    }

    String family(String member) {
      return path(false) + "." + member;
    }

    private String path(boolean withIds) {
      StringBuilder out = new StringBuilder();
      if (parent != null) {
        out.append(parent.path(withIds));
      }
      boolean named = ids.length() > 0;
      if (element && parent != null) {
        // An element with lane members is that lane wherever it sits in the array.
        out.append('[').append(named ? (withIds ? ids : "") : step).append(']');
      } else {
        out.append(step);
        if (named && withIds) {
          out.append('{').append(ids).append('}');
        }
      }
      if (type != null && withIds) {
        out.append('<').append(type).append('>');
      }
      return out.toString();
    }
  }

  private record Found(Frame frame, String member, int start, int end, String text) {}

  /** A recursive-descent JSON parser that records string leaves and lane members. */
  private static final class Parser {
    private static final int MAX_DEPTH = 64;

    private final String s;
    int pos;
    final List<Found> found = new ArrayList<>();

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

    /**
     * Parses the value at {@code pos}, a member of {@code frame} named {@code member} (or, in an
     * array, its position).
     */
    void value(int depth, Frame frame, String member, boolean element) {
      if (depth > MAX_DEPTH) {
        throw bad();
      }
      pos = skipSpace(pos);
      char c = peek();
      if (c == '{') {
        object(depth, new Frame(frame, element ? member : "." + member, element));
      } else if (c == '[') {
        array(depth, new Frame(frame, element ? "[" + member + "]" : "." + member, false));
      } else if (c == '"') {
        int start = pos;
        String text = string();
        if (element) {
          found.add(new Found(frame, "[" + member + "]", start, pos, text));
        } else if (LANE_MEMBERS.contains(member)) {
          frame.ids.append(member).append('=').append(text).append(';');
        } else if (member.equals("type") && frame.parent == null) {
          frame.type = text;
        } else if (!LABELS.contains(member)) {
          found.add(new Found(frame, member, start, pos, text));
        }
      } else if (c == 't') {
        literal("true");
      } else if (c == 'f') {
        literal("false");
      } else if (c == 'n') {
        literal("null");
      } else {
        int start = pos;
        number();
        if (!element && LANE_MEMBERS.contains(member)) {
          frame.ids.append(member).append('=').append(s, start, pos).append(';');
        }
      }
    }

    void object(int depth, Frame frame) {
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
        value(depth + 1, frame, key, false);
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

    private void array(int depth, Frame frame) {
      pos++;
      pos = skipSpace(pos);
      if (peek() == ']') {
        pos++;
        return;
      }
      int index = 0;
      while (true) {
        value(depth + 1, frame, Integer.toString(index), true);
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

  /**
   * The text as a JSON string literal, quotes included. (The same as {@code platform.JsonText}: the
   * masking package imports nothing of Gatehouse's, so it keeps its own.)
   */
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
