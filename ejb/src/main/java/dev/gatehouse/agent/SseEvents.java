package dev.gatehouse.agent;

import java.util.function.Consumer;

/**
 * The data of each event of a {@code text/event-stream} text, as an event-stream client reads it
 * (HTML Living Standard, server-sent events): lines end in CRLF, LF or CR; an event's {@code data}
 * lines are joined by LF, with one space after the colon dropped; an event ends at a blank line or
 * at the end of the text; events without data are passed over.
 */
final class SseEvents {

  private SseEvents() {}

  static void eachData(String body, Consumer<String> consumer) {
    StringBuilder data = null;
    int length = body.length();
    int i = 0;
    while (i <= length) {
      int end = i;
      while (end < length && body.charAt(end) != '\n' && body.charAt(end) != '\r') {
        end++;
      }
      if (end == i) {
        if (data != null) {
          consumer.accept(data.toString());
          data = null;
        }
      } else if (body.startsWith("data", i) && (end == i + 4 || body.charAt(i + 4) == ':')) {
        int from = Math.min(end, i + 5);
        if (from < end && body.charAt(from) == ' ') {
          from++;
        }
        if (data == null) {
          data = new StringBuilder(end - from);
        } else {
          data.append('\n');
        }
        data.append(body, from, end);
      }
      if (end >= length) {
        break;
      }
      i =
          end
              + (body.charAt(end) == '\r' && end + 1 < length && body.charAt(end + 1) == '\n'
                  ? 2
                  : 1);
    }
    if (data != null) {
      consumer.accept(data.toString());
    }
  }
}
