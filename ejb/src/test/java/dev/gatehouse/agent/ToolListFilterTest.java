package dev.gatehouse.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ToolListFilterTest {

  private static final String LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"calculator\"},"
          + "{\"name\":\"delete_records\",\"annotations\":{\"destructiveHint\":true}}]}}";

  private static String filter(String body, boolean eventStream, int chunk) throws IOException {
    InputStream slow =
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
          }
        };
    ToolListFilter.Screen noDeletes =
        tools ->
            tools.stream()
                .filter(t -> !((JsonObject) t).getString("name").startsWith("delete_"))
                .toList();
    try (InputStream in = new ToolListFilter(slow, eventStream, noDeletes)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void takesAHiddenToolOutOfAJsonAnswer() throws IOException {
    String out = filter(LIST, false, 7);
    assertThat(out).contains("calculator").doesNotContain("delete_records").contains("\"id\":2");
  }

  @Test
  void filtersTheListingEventOfAStreamAndPassesTheOthersByteForByte() throws IOException {
    String notification =
        "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\","
            + "\"params\":{\"data\":\"tools\"}}\n\n";
    String stream = notification + "id: 9\nevent: message\ndata: " + LIST + "\n\n";
    for (int chunk : new int[] {1, 5, 64, 4096}) {
      String out = filter(stream, true, chunk);
      assertThat(out).startsWith(notification);
      assertThat(out).contains("id: 9\nevent: message\ndata: ").contains("calculator");
      assertThat(out).doesNotContain("delete_records").endsWith("\n\n");
    }
  }

  @Test
  void aListWithNothingHiddenPassesUnchanged() throws IOException {
    String visibleOnly =
        "{\"jsonrpc\":\"2.0\", \"id\":1, \"result\":{\"tools\":[{\"name\":\"a\"}]}}";
    assertThat(filter(visibleOnly, false, 3)).isEqualTo(visibleOnly);
  }

  @Test
  void aScreenThatCannotDecideEndsTheRelay() {
    ToolListFilter.Screen failing =
        tools -> {
          throw new IOException("inventory unreadable");
        };
    assertThatThrownBy(
            () -> {
              try (InputStream in =
                  new ToolListFilter(
                      new ByteArrayInputStream(LIST.getBytes(StandardCharsets.UTF_8)),
                      false,
                      failing)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class);
  }

  @Test
  void aListThatCannotBeReadEndsTheRelay() {
    assertThatThrownBy(() -> filter("{\"result\":{\"tools\":[{\"name\":\"delete_", false, 8))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aListWhoseNamesAreEscapedIsScreenedAllTheSame() throws IOException {
    // A client reads the member name written with a \\u escape as "tools" all the same.
    String escaped = LIST.replace("\"tools\"", "\"\\u0074ools\"");
    assertThat(escaped).doesNotContain("\"tools\"");
    assertThat(filter("event: message\ndata: " + escaped + "\n\n", true, 9))
        .contains("calculator")
        .doesNotContain("delete_records");
    assertThat(filter(escaped, false, 9)).doesNotContain("delete_records");
  }

  @Test
  void aBatchAnswerIsScreenedMessageByMessage() throws IOException {
    String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}," + LIST + "]";
    String out = filter(batch, false, 11);
    assertThat(out).startsWith("[").contains("calculator").doesNotContain("delete_records");
    assertThat(filter("event: message\ndata: " + batch + "\n\n", true, 11))
        .doesNotContain("delete_records");
  }

  @Test
  void anEventThatCannotBeReadOrThatAClientWouldSplitDifferentlyEndsTheRelay() {
    for (String stream :
        new String[] {
          "event: message\ndata: {\"result\": {\"to\n\n",
          "event: message\rdata: " + LIST + "\r\r",
          "event: message\ndata: " + LIST + "\r\r\n\n",
          "\uFEFFdata: " + LIST + "\n\n"
        }) {
      assertThatThrownBy(() -> filter(stream, true, 6)).as(stream).isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> filter("not json", false, 4)).isInstanceOf(IOException.class);
  }

  @Test
  void anEventOfAnotherTypeThanMessagePassesUnread() throws IOException {
    String endpoint = "event: endpoint\ndata: /messages?sessionId=1\n\n";
    assertThat(filter(endpoint, true, 5)).isEqualTo(endpoint);
    assertThatThrownBy(() -> filter("event: message\ndata: /messages\n\n", true, 5))
        .isInstanceOf(IOException.class);
  }

  @Test
  void crLfLineBreaksAndCommentsPass() throws IOException {
    String stream = ": keep-alive\r\n\r\nevent: message\r\ndata: " + LIST + "\r\n\r\n";
    assertThat(filter(stream, true, 3))
        .startsWith(": keep-alive\r\n\r\n")
        .contains("calculator")
        .doesNotContain("delete_records");
  }
}
