package dev.gatehouse.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriptViewTest {

  @Test
  void prettyPrintsAJsonBodyBelowTheHead() {
    TranscriptView view =
        TranscriptView.of(
            "POST /gw/demo/v1/chat\ncontent-type: application/json\n\n{\"a\":[1,2],\"b\":\"[EMAIL]\"}");

    assertThat(view.head()).isEqualTo("POST /gw/demo/v1/chat\ncontent-type: application/json");
    assertThat(view.isEventStream()).isFalse();
    assertThat(view.body()).contains("\n").contains("\"b\": \"[EMAIL]\"");
  }

  @Test
  void listsTheEventsOfAnEventStream() {
    TranscriptView view =
        TranscriptView.of(
            "HTTP 200\ncontent-type: text/event-stream\n\n"
                + "data: {\"delta\":\"Hel\"}\n\ndata: {\"delta\":\"lo\"}\n\ndata: [DONE]\n\n");

    assertThat(view.isEventStream()).isTrue();
    assertThat(view.events()).hasSize(3);
    assertThat(view.events().get(0)).contains("\"delta\": \"Hel\"");
    assertThat(view.events().get(2)).isEqualTo("[DONE]");
  }

  @Test
  void leavesABodyThatIsNotJsonAsItIs() {
    assertThat(TranscriptView.of("HTTP 200\n\n{not json").body()).isEqualTo("{not json");
  }
}
