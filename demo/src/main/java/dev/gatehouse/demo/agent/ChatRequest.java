package dev.gatehouse.demo.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an OpenAI chat-completion request that the demo agent uses, validated up front so
 * malformed requests get a 400 that names the offending field.
 *
 * @param lastUserMessage text of the last message with role {@code user}
 * @param promptWords word count over all text message contents, reported as prompt tokens
 * @param stream whether the client asked for server-sent events
 * @param includeUsage whether a streamed answer ends with a usage chunk ({@code
 *     stream_options.include_usage})
 * @param tools the function tools offered, in the request's order
 * @param toolChoice how the model may use them
 * @param toolResults the tool messages that end the conversation, each joined to the call it
 *     answers; empty when the last message is not a tool result
 */
record ChatRequest(
    String lastUserMessage,
    int promptWords,
    boolean stream,
    boolean includeUsage,
    List<OfferedTool> tools,
    ToolChoice toolChoice,
    List<ToolResult> toolResults) {

  /**
   * The request's {@code tool_choice}: {@code "auto"} (the default), {@code "none"}, {@code
   * "required"}, or one tool by name ({@code {type: "function", function: {name}}}).
   *
   * @param toolName the named tool, or {@code null}
   */
  record ToolChoice(String mode, String toolName) {
    static final ToolChoice AUTO = new ToolChoice("auto", null);

    boolean none() {
      return mode.equals("none");
    }

    boolean required() {
      return mode.equals("required");
    }
  }

  /** A call from an assistant message, kept so that a later tool result can name its tool. */
  private record EarlierCall(String name, String arguments) {}

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
    Map<String, EarlierCall> earlierCalls = new HashMap<>();
    List<ToolResult> toolResults = new ArrayList<>();
    for (Object element : messages) {
      if (!(element instanceof Map<?, ?> message)
          || !(message.get("role") instanceof String role)) {
        throw RequestRejected.invalidRequest("Each message must be an object with a string 'role'");
      }
      String content = textOf(message.get("content"));
      if (content != null) {
        promptWords += ReactAnswer.countWords(content);
      }
      if (!role.equals("tool")) {
        // Only the tool messages at the very end are results the model still has to answer.
        toolResults.clear();
      }
      switch (role) {
        case "user" -> {
          if (content == null) {
            throw RequestRejected.invalidRequest(
                "A user message's 'content' must be a string or an array of text parts");
          }
          lastUserMessage = content;
        }
        case "assistant" -> collectCalls(message, earlierCalls);
        case "tool" -> toolResults.add(toolResult(message, content, earlierCalls));
        default -> {
          // system and developer messages only count towards the prompt
        }
      }
    }
    if (lastUserMessage == null) {
      throw RequestRejected.invalidRequest("'messages' must contain a message with role 'user'");
    }
    List<OfferedTool> tools = offeredTools(body.get("tools"));
    return new ChatRequest(
        lastUserMessage,
        promptWords,
        Boolean.TRUE.equals(stream),
        includeUsage(body.get("stream_options")),
        tools,
        toolChoice(body.get("tool_choice"), tools),
        List.copyOf(toolResults));
  }

  private static void collectCalls(Map<?, ?> message, Map<String, EarlierCall> earlierCalls) {
    Object toolCalls = message.get("tool_calls");
    if (toolCalls == null) {
      return;
    }
    if (!(toolCalls instanceof List<?> calls)) {
      throw RequestRejected.invalidRequest("An assistant message's 'tool_calls' must be an array");
    }
    for (Object element : calls) {
      if (!(element instanceof Map<?, ?> call)
          || !(call.get("id") instanceof String id)
          || !(call.get("function") instanceof Map<?, ?> function)
          || !(function.get("name") instanceof String name)) {
        throw RequestRejected.invalidRequest(
            "Each tool call must be an object with a string 'id' and a 'function' with a 'name'");
      }
      Object arguments = function.get("arguments");
      earlierCalls.put(id, new EarlierCall(name, arguments instanceof String a ? a : "{}"));
    }
  }

  private static ToolResult toolResult(
      Map<?, ?> message, String content, Map<String, EarlierCall> earlierCalls) {
    if (!(message.get("tool_call_id") instanceof String id)) {
      throw RequestRejected.invalidRequest("A tool message must have a string 'tool_call_id'");
    }
    if (content == null) {
      throw RequestRejected.invalidRequest(
          "A tool message's 'content' must be a string or an array of text parts");
    }
    EarlierCall call = earlierCalls.get(id);
    if (call == null) {
      throw RequestRejected.invalidRequest(
          "A tool message must answer a tool call of an earlier assistant message: '"
              + id
              + "' is none");
    }
    return new ToolResult(call.name(), call.arguments(), content);
  }

  private static boolean includeUsage(Object streamOptions) {
    if (streamOptions == null) {
      return false;
    }
    if (!(streamOptions instanceof Map<?, ?> options)) {
      throw RequestRejected.invalidRequest("'stream_options' must be an object");
    }
    Object includeUsage = options.get("include_usage");
    if (includeUsage != null && !(includeUsage instanceof Boolean)) {
      throw RequestRejected.invalidRequest("'stream_options.include_usage' must be a boolean");
    }
    return Boolean.TRUE.equals(includeUsage);
  }

  /** The function tools; tools of other types (OpenAI's custom tools) the model never calls. */
  private static List<OfferedTool> offeredTools(Object json) {
    if (json == null) {
      return List.of();
    }
    if (!(json instanceof List<?> elements)) {
      throw RequestRejected.invalidRequest("'tools' must be an array");
    }
    List<OfferedTool> tools = new ArrayList<>();
    for (Object element : elements) {
      if (!(element instanceof Map<?, ?> tool) || !(tool.get("type") instanceof String type)) {
        throw RequestRejected.invalidRequest("Each tool must be an object with a string 'type'");
      }
      if (!type.equals("function")) {
        continue;
      }
      if (!(tool.get("function") instanceof Map<?, ?> function)
          || !(function.get("name") instanceof String name)
          || name.isEmpty()) {
        throw RequestRejected.invalidRequest(
            "A function tool must have a 'function' object with a non-empty string 'name'");
      }
      Object description = function.get("description");
      Object parameters = function.get("parameters");
      if (parameters != null && !(parameters instanceof Map)) {
        throw RequestRejected.invalidRequest("A function's 'parameters' must be an object");
      }
      tools.add(
          new OfferedTool(
              name,
              description instanceof String text ? text : "",
              parameters == null ? Map.of() : (Map<?, ?>) parameters));
    }
    return List.copyOf(tools);
  }

  private static ToolChoice toolChoice(Object json, List<OfferedTool> tools) {
    if (json == null) {
      return ToolChoice.AUTO;
    }
    if (json instanceof String mode) {
      if (!List.of("auto", "none", "required").contains(mode)) {
        throw RequestRejected.invalidRequest(
            "'tool_choice' must be \"auto\", \"none\", \"required\" or a named function");
      }
      return new ToolChoice(mode, null);
    }
    if (json instanceof Map<?, ?> choice
        && "function".equals(choice.get("type"))
        && choice.get("function") instanceof Map<?, ?> function
        && function.get("name") instanceof String name) {
      if (tools.stream().noneMatch(tool -> tool.name().equals(name))) {
        throw RequestRejected.invalidRequest(
            "'tool_choice' names a function the request does not offer: " + name);
      }
      return new ToolChoice("function", name);
    }
    // Other forms (allowed_tools, custom tools) leave the choice to the model.
    return ToolChoice.AUTO;
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
