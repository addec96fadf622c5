package dev.gatehouse.demo.agent;

import dev.gatehouse.demo.json.JsonWriter;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The OpenAI-compatible model endpoints ({@code /v1/models}, {@code /v1/chat/completions}), so that
 * stock OpenAI clients can be pointed at the gateway in demos. Streaming pauses between events so
 * that buffering anywhere on the path is visible.
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
    String answer = ReactAnswer.compose(chat.lastUserMessage());
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    long created = clock.instant().getEpochSecond();
    if (chat.stream()) {
      stream(request, id, created, answer);
    } else {
      Responses.json(request.exchange(), 200, completion(id, created, chat, answer));
    }
  }

  private static Map<String, Object> completion(
      String id, long created, ChatRequest chat, String answer) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", answer);
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", "stop");
    int completionWords = ReactAnswer.countWords(answer);
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", chat.promptWords());
    usage.put("completion_tokens", completionWords);
    usage.put("total_tokens", chat.promptWords() + completionWords);
    Map<String, Object> completion = header(id, "chat.completion", created);
    completion.put("choices", List.of(choice));
    completion.put("usage", usage);
    return completion;
  }

  private void stream(AgentRequest request, String id, long created, String answer)
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
      events.send(JsonWriter.write(chunk(id, created, delta, null)));
    }
    Pause.millis(streamDelayMillis);
    events.send(JsonWriter.write(chunk(id, created, Map.of(), "stop")));
    events.finish();
  }

  private static Map<String, Object> chunk(
      String id, long created, Map<String, Object> delta, String finishReason) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finishReason);
    Map<String, Object> chunk = header(id, "chat.completion.chunk", created);
    chunk.put("choices", List.of(choice));
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
