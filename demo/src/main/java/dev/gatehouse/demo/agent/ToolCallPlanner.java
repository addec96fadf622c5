package dev.gatehouse.demo.agent;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * Decides whether the model answers with a tool call, and with which arguments. Deterministic, so
 * that tests and demos control the call through the user's message:
 *
 * <ul>
 *   <li>No call when the request offers no function tool, when {@code tool_choice} is {@code
 *       "none"}, or when the conversation ends with tool results (the model then answers them).
 *   <li>{@code tool_choice} naming a function calls that function. Otherwise the offered tool whose
 *       name the last user message mentions first (as a whole word) is called; with {@code
 *       tool_choice: "required"} and no tool mentioned, the first offered tool.
 *   <li>The arguments are the JSON object that follows the tool's name in the message (after spaces
 *       and an optional colon), written compactly with its members in their order: {@code
 *       lookup_weather {"city": "Paris"}} calls {@code lookup_weather} with {@code
 *       {"city":"Paris"}}. Without one (or when it is not valid JSON) they are made up from the
 *       tool's schema ({@link SchemaExample}).
 * </ul>
 */
final class ToolCallPlanner {

  /** Reads the one JSON object at the parser's start; text may follow it. */
  private static final ObjectReader OBJECT =
      AgentJson.MAPPER.readerFor(Map.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ToolCallPlanner() {}

  static Optional<PlannedToolCall> plan(ChatRequest chat) {
    if (chat.tools().isEmpty() || chat.toolChoice().none() || !chat.toolResults().isEmpty()) {
      return Optional.empty();
    }
    String message = chat.lastUserMessage();
    OfferedTool tool = chosenTool(chat, message);
    if (tool == null) {
      return Optional.empty();
    }
    int mentionEnd = mentionEnd(message, tool.name());
    Map<String, Object> arguments = mentionEnd < 0 ? null : objectAfter(message, mentionEnd);
    if (arguments == null) {
      arguments = SchemaExample.argumentsFor(tool.parameters());
    }
    return Optional.of(
        new PlannedToolCall(
            newCallId(), tool.name(), AgentJson.MAPPER.writeValueAsString(arguments)));
  }

  private static OfferedTool chosenTool(ChatRequest chat, String message) {
    String forced = chat.toolChoice().toolName();
    if (forced != null) {
      return chat.tools().stream().filter(t -> t.name().equals(forced)).findFirst().orElseThrow();
    }
    OfferedTool first = null;
    int firstAt = Integer.MAX_VALUE;
    for (OfferedTool tool : chat.tools()) {
      int end = mentionEnd(message, tool.name());
      int at = end - tool.name().length();
      if (end >= 0 && at < firstAt) {
        first = tool;
        firstAt = at;
      }
    }
    if (first == null && chat.toolChoice().required()) {
      return chat.tools().get(0);
    }
    return first;
  }

  /** Where the first whole-word mention of {@code name} ends, or -1. */
  static int mentionEnd(String message, String name) {
    for (int at = message.indexOf(name); at >= 0; at = message.indexOf(name, at + 1)) {
      int end = at + name.length();
      boolean wholeWord =
          (at == 0 || !isNameCharacter(message.charAt(at - 1)))
              && (end == message.length() || !isNameCharacter(message.charAt(end)));
      if (wholeWord) {
        return end;
      }
    }
    return -1;
  }

  private static boolean isNameCharacter(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  /** The JSON object at {@code from} after spaces and an optional colon, or null. */
  private static Map<String, Object> objectAfter(String message, int from) {
    int at = skipSpaces(message, from);
    if (at < message.length() && message.charAt(at) == ':') {
      at = skipSpaces(message, at + 1);
    }
    if (at >= message.length() || message.charAt(at) != '{') {
      return null;
    }
    try (JsonParser parser = AgentJson.MAPPER.createParser(message.substring(at))) {
      Map<String, Object> object = OBJECT.readValue(parser);
      return object;
    } catch (JacksonException notJson) {
      return null;
    }
  }

  private static int skipSpaces(String text, int from) {
    int at = from;
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }

  /** An id in OpenAI's form: {@code call_} and 24 letters and digits. */
  private static String newCallId() {
    return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }
}
