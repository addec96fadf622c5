package dev.gatehouse.demo.agent;

import java.util.List;
import java.util.Map;

/**
 * The parts of an OpenAI chat-completion request that the demo agent uses, validated up front so
 * malformed requests get a 400 that names the offending field.
 *
 * @param lastUserMessage text of the last message with role {@code user}
 * @param promptWords word count over all text message contents, reported as prompt tokens
 * @param stream whether the client asked for server-sent events
 */
record ChatRequest(String lastUserMessage, int promptWords, boolean stream) {

  static ChatRequest from(Object json) {
    if (!(json instanceof Map<?, ?> body)) {
      throw RequestRejected.invalidRequest("Request body must be a JSON object");
    }
    if (body.get("model") != null && !(body.get("model") instanceof String)) {
      throw RequestRejected.invalidRequest("'model' must be a string");
    }
    Object stream = body.get("stream");
    if (stream != null && !(stream instanceof Boolean)) {
      throw RequestRejected.invalidRequest("'stream' must be a boolean");
    }
    if (!(body.get("messages") instanceof List<?> messages) || messages.isEmpty()) {
      throw RequestRejected.invalidRequest("'messages' must be a non-empty array");
    }
    String lastUserMessage = null;
    int promptWords = 0;
    for (Object element : messages) {
      if (!(element instanceof Map<?, ?> message)
          || !(message.get("role") instanceof String role)) {
        throw RequestRejected.invalidRequest("Each message must be an object with a string 'role'");
      }
      String content = textOf(message.get("content"));
      if (content != null) {
        promptWords += ReactAnswer.countWords(content);
      }
      if (role.equals("user")) {
        if (content == null) {
          throw RequestRejected.invalidRequest(
              "A user message's 'content' must be a string or an array of text parts");
        }
        lastUserMessage = content;
      }
    }
    if (lastUserMessage == null) {
      throw RequestRejected.invalidRequest("'messages' must contain a message with role 'user'");
    }
    return new ChatRequest(lastUserMessage, promptWords, Boolean.TRUE.equals(stream));
  }

  /** Plain string content, or the concatenated text parts of array content; else null. */
  private static String textOf(Object content) {
    if (content instanceof String text) {
      return text;
    }
    if (!(content instanceof List<?> parts)) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Object element : parts) {
      if (!(element instanceof Map<?, ?> part)) {
        return null;
      }
      if ("text".equals(part.get("type")) && part.get("text") instanceof String partText) {
        text.append(partText);
      }
    }
    return text.toString();
  }
}
