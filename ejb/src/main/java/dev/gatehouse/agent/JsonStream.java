package dev.gatehouse.agent;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.StringReader;

/**
 * Reads a JSON text as a stream of events and keeps only what the gateway names — a tool's name,
 * its arguments in canonical form — instead of building a tree of everything first. The readers of
 * agent traffic run on every request and answer of an agent connection: a tree of a 64 KB
 * conversation, only to look at its {@code tools}, cost more than the rest of the proxy path.
 *
 * <p>What is passed over is still read event by event, so the whole text must be JSON: a syntax
 * error anywhere refuses the text, as reading it into a tree would.
 */
final class JsonStream implements AutoCloseable {

  private final JsonParser parser;
  private final int length;

  JsonStream(String text) {
    this.parser = Jsonp.PROVIDER.createParser(new StringReader(text));
    this.length = text.length();
  }

  /**
   * The first event of the text's one value.
   *
   * @throws RuntimeException when the text holds no JSON value
   */
  Event first() {
    return parser.next();
  }

  Event next() {
    return parser.next();
  }

  /** The current key name or string value. */
  String string() {
    return parser.getString();
  }

  /** The current scalar as a JSON value (a number keeps its own kind, as in a tree). */
  JsonValue scalar() {
    return parser.getValue();
  }

  /**
   * After the text's one value: refuses anything but its end, so a second message cannot ride
   * behind the first unread.
   *
   * @throws RuntimeException when more follows
   */
  void end() {
    if (parser.hasNext()) {
      throw new IllegalArgumentException("More than one JSON value.");
    }
  }

  /** The current value if it is a string, else {@code null} (the value read past). */
  String stringOrSkip(Event event) {
    if (event == Event.VALUE_STRING) {
      return parser.getString();
    }
    skip(event);
    return null;
  }

  /** Reads past the value that begins with {@code event}, checking its syntax on the way. */
  void skip(Event event) {
    if (event != Event.START_OBJECT && event != Event.START_ARRAY) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      switch (parser.next()) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        default -> {
          // scalars and keys: nothing to keep
        }
      }
    }
  }

  /** The canonical text ({@link CanonicalJson}) of the value that begins with {@code event}. */
  String canonical(Event event) {
    // Room for the whole text: a value's canonical form is rarely longer than its text, so the
    // builder does not grow (and copy) on the way.
    StringBuilder out = new StringBuilder(length);
    CanonicalJson.write(parser, event, out);
    return out.toString();
  }

  /**
   * Marks a member the reader keeps as seen ({@code bit} of {@code seen}).
   *
   * @throws DuplicateMember when it was seen before in the same object
   */
  static int once(int seen, int bit, String name) {
    if ((seen & bit) != 0) {
      throw new DuplicateMember(name);
    }
    return seen | bit;
  }

  @Override
  public void close() {
    parser.close();
  }
}
