package dev.gatehouse.demo.agent;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OpenAI-compatible model endpoints ({@code /v1/models}, {@code /v1/chat/completions}), so that
 * stock OpenAI clients can be pointed at the gateway in demos. The model answers in text, or with a
 * call of one of the tools the request offers ({@link ToolCallPlanner} decides), and answers the
 * tool's result when the caller sends it back. Streaming pauses between events so that buffering
 * anywhere on the path is visible.
 */
final class OpenAiEndpoints {

  static final String MODEL_ID = "demo-react-1";

  private final long streamDelayMillis;
  private final Clock clock;

  OpenAiEndpoints(long streamDelayMillis, Clock clock) {
    this.streamDelayMillis = streamDelayMillis;
    this.clock = clock;
  }

  void handle(AgentRequest request) throws IOException {
    switch (request.path()) {
      case "/v1/models" -> {
        request.requireMethod("GET");
        Responses.json(request.exchange(), 200, modelList());
      }
      case "/v1/chat/completions" -> {
        request.requireMethod("POST");
        complete(request);
      }
      default -> throw RequestRejected.notFound("No such endpoint: " + request.path());
    }
  }

  private static Map<String, Object> modelList() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("id", MODEL_ID);
    model.put("object", "model");
    model.put("owned_by", "gatehouse-demo");
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("object", "list");
    list.put("data", List.of(model));
    return list;
  }

  private void complete(AgentRequest request) throws IOException {
    ChatRequest chat = ChatRequest.from(request.jsonBody());
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    long created = clock.instant().getEpochSecond();
    Optional<PlannedToolCall> call = ToolCallPlanner.plan(chat);
    if (call.isPresent()) {
      if (chat.stream()) {
        streamToolCall(request, id, created, chat, call.get());
      } else {
        Responses.json(request.exchange(), 200, toolCallCompletion(id, created, chat, call.get()));
      }
      return;
    }
    String answer =
        chat.toolResults().isEmpty()
            ? ReactAnswer.compose(chat.lastUserMessage())
            : ReactAnswer.answerFrom(chat.toolResults());
    if (chat.stream()) {
      stream(request, id, created, chat, answer);
    } else {
      Responses.json(request.exchange(), 200, completion(id, created, chat, answer));
    }
  }

  private static Map<String, Object> completion(
      String id, long created, ChatRequest chat, String answer) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", answer);
    message.put("refusal", null);
    return whole(id, created, chat, message, "stop", ReactAnswer.countWords(answer));
  }

  /** The answer of a model that calls a tool: no content, one call, {@code tool_calls}. */
  private static Map<String, Object> toolCallCompletion(
      String id, long created, ChatRequest chat, PlannedToolCall call) {
    Map<String, Object> function = new LinkedHashMap<>();
    function.put("name", call.name());
    function.put("arguments", call.arguments());
    Map<String, Object> toolCall = new LinkedHashMap<>();
    toolCall.put("id", call.id());
    toolCall.put("type", "function");
    toolCall.put("function", function);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", null);
    message.put("refusal", null);
    message.put("tool_calls", List.of(toolCall));
    return whole(id, created, chat, message, "tool_calls", callWords(call));
  }

  private static Map<String, Object> whole(
      String id,
      long created,
      ChatRequest chat,
      Map<String, Object> message,
      String finishReason,
      int completionWords) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", finishReason);
    Map<String, Object> completion = header(id, "chat.completion", created);
    completion.put("choices", List.of(choice));
    completion.put("usage", usage(chat, completionWords));
    return completion;
  }

  private static Map<String, Object> usage(ChatRequest chat, int completionWords) {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", chat.promptWords());
    usage.put("completion_tokens", completionWords);
    usage.put("total_tokens", chat.promptWords() + completionWords);
    return usage;
  }

  /** A tool call's rough token count: the words of its name and arguments. */
  private static int callWords(PlannedToolCall call) {
    return ReactAnswer.countWords(call.name() + " " + call.arguments());
  }

  private void stream(
      AgentRequest request, String id, long created, ChatRequest chat, String answer)
      throws IOException {
    SseStream events = SseStream.open(request.exchange());
    List<String> pieces = ReactAnswer.streamPieces(answer);
    for (int i = 0; i < pieces.size(); i++) {
      if (i > 0) {
        Pause.millis(streamDelayMillis);
      }
      Map<String, Object> delta = new LinkedHashMap<>();
      if (i == 0) {
        delta.put("role", "assistant");
      }
      delta.put("content", pieces.get(i));
      events.send(chunk(id, created, chat, delta, null));
    }
    finish(events, id, created, chat, "stop", ReactAnswer.countWords(answer));
  }

  /**
   * Streams a tool call as OpenAI does: the call's id and name with empty arguments first, then the
   * arguments in fragments of a few characters, each its own event.
   */
  private void streamToolCall(
      AgentRequest request, String id, long created, ChatRequest chat, PlannedToolCall call)
      throws IOException {
    SseStream events = SseStream.open(request.exchange());
    Map<String, Object> function = new LinkedHashMap<>();
    function.put("name", call.name());
    function.put("arguments", "");
    Map<String, Object> opening = new LinkedHashMap<>();
    opening.put("index", 0);
    opening.put("id", call.id());
    opening.put("type", "function");
    opening.put("function", function);
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("role", "assistant");
    first.put("content", null);
    first.put("tool_calls", List.of(opening));
    events.send(chunk(id, created, chat, first, null));
    for (String fragment : call.argumentFragments()) {
      Pause.millis(streamDelayMillis);
      Map<String, Object> more = new LinkedHashMap<>();
      more.put("index", 0);
      more.put("function", Map.of("arguments", fragment));
      Map<String, Object> delta = Map.of("tool_calls", List.of(more));
      events.send(chunk(id, created, chat, delta, null));
    }
    finish(events, id, created, chat, "tool_calls", callWords(call));
  }

  /** The closing chunk, the usage chunk when asked for, and {@code [DONE]}. */
  private void finish(
      SseStream events,
      String id,
      long created,
      ChatRequest chat,
      String finishReason,
      int completionWords)
      throws IOException {
    Pause.millis(streamDelayMillis);
    events.send(chunk(id, created, chat, Map.of(), finishReason));
    if (chat.includeUsage()) {
      Map<String, Object> usage = header(id, "chat.completion.chunk", created);
      usage.put("choices", List.of());
      usage.put("usage", usage(chat, completionWords));
      events.send(usage);
    }
    events.finish();
  }

  private static Map<String, Object> chunk(
      String id, long created, ChatRequest chat, Map<String, Object> delta, String finishReason) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finishReason);
    Map<String, Object> chunk = header(id, "chat.completion.chunk", created);
    chunk.put("choices", List.of(choice));
    if (chat.includeUsage()) {
      // As OpenAI: with include_usage every chunk has the field, null but in the last.
      chunk.put("usage", null);
    }
    return chunk;
  }

  private static Map<String, Object> header(String id, String object, long created) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("id", id);
    header.put("object", object);
    header.put("created", created);
    header.put("model", MODEL_ID);
    return header;
  }
}
