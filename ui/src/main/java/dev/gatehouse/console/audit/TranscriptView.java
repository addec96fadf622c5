package dev.gatehouse.console.audit;

import dev.gatehouse.console.approvals.JsonText;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored (already masked) transcript laid out for reading: the start line and headers, then the
 * body — pretty-printed when it is JSON, or as its list of events when it is a server-sent event
 * stream (each event's {@code data} pretty-printed when that is JSON).
 *
 * @param head start line and headers
 * @param body the body as shown, or {@code null} when it is an event stream
 * @param events the events of an event stream, else empty
 */
public record TranscriptView(String head, String body, List<String> events) {

  public static TranscriptView of(String transcript) {
    if (transcript == null) {
      return null;
    }
    int split = transcript.indexOf("\n\n");
    String head = split < 0 ? transcript : transcript.substring(0, split);
    String body = split < 0 ? "" : transcript.substring(split + 2);
    if (head.toLowerCase(java.util.Locale.ROOT).contains("content-type: text/event-stream")) {
      List<String> events = new ArrayList<>();
      for (String event : body.split("\n\n")) {
        if (event.isBlank()) {
          continue;
        }
        StringBuilder shown = new StringBuilder();
        for (String line : event.split("\n")) {
          if (line.startsWith("data:")) {
            shown.append(JsonText.pretty(line.substring(5).strip())).append('\n');
          } else {
            shown.append(line).append('\n');
          }
        }
        events.add(shown.toString().strip());
      }
      return new TranscriptView(head, null, events);
    }
    return new TranscriptView(head, JsonText.pretty(body), List.of());
  }

  public boolean isEventStream() {
    return body == null;
  }
}
