package dev.gatehouse.agent;

import dev.gatehouse.exchange.HandOutStream;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps a model's streamed tool call from the caller until it is complete and judged. The events
 * that carry a tool call — Chat Completions chunks with {@code delta.tool_calls}, Responses API
 * {@code function_call} items and their argument deltas — are held back, every other event passes
 * as it arrives; when the call is complete (its choice finishes, its item is done, or the stream
 * ends) it is judged with its whole arguments: allowed, the held events follow in order; refused,
 * they are dropped and the stream ends with one {@code error} event naming the reason. So a tool
 * runner never sees a fragment of a call it may not make.
 */
final class StreamedToolCallGuard extends HandOutStream {

  private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

  private final InputStream upstream;
  private final Function<ToolCall, ToolJudge.Refusal> judge;
  private final java.util.function.BiConsumer<ToolCall, ToolJudge.Refusal> onCut;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();

  /** Calls being assembled, by choice and index (Chat) or item (Responses). */
  private final Map<String, Call> calls = new LinkedHashMap<>();

  /** Whether the stream ended or was cut: nothing more is read from upstream. */
  private boolean done;

  private static final class Call {
    String name;
    final StringBuilder arguments = new StringBuilder();
    String finalArguments;
  }

  StreamedToolCallGuard(
      InputStream upstream,
      Function<ToolCall, ToolJudge.Refusal> judge,
      java.util.function.BiConsumer<ToolCall, ToolJudge.Refusal> onCut) {
    this.upstream = upstream;
    this.judge = judge;
    this.onCut = onCut;
  }

  @Override
  protected void fill() throws IOException {
    byte[] chunk = new byte[8192];
    int n = upstream.read(chunk);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (n < 0) {
      if (pending.size() > 0) {
        event(pending.toString(StandardCharsets.UTF_8), out);
        pending.reset();
      }
      if (!done) {
        settle(calls.keySet().stream().toList(), out);
      }
      done = true;
    } else {
      pending.write(chunk, 0, n);
      byte[] seen = pending.toByteArray();
      int start = 0;
      for (int end = eventEnd(seen, start); end > 0 && !done; end = eventEnd(seen, start)) {
        event(new String(seen, start, end - start, StandardCharsets.UTF_8), out);
        start = end;
      }
      pending.reset();
      if (!done) {
        pending.write(seen, start, seen.length - start);
        if (pending.size() > MAX_EVENT_BYTES) {
          throw new IOException("An event of the answer is too large to judge; relay ended.");
        }
      }
    }
    handOut(out.toByteArray());
    if (done) {
      finish();
    }
  }

  /** The end (after its blank line) of the first complete event from {@code from}, or 0. */
  private static int eventEnd(byte[] text, int from) {
    for (int i = from + 1; i < text.length; i++) {
      if (text[i] == '\n'
          && (text[i - 1] == '\n' || (i >= 2 && text[i - 1] == '\r' && text[i - 2] == '\n'))) {
        return i + 1;
      }
    }
    return 0;
  }

  /** One complete event: held if it carries a tool call, passed otherwise; calls it ends judged. */
  private void event(String event, ByteArrayOutputStream out) throws IOException {
    String data = data(event);
    boolean carriesCall =
        data.contains("\"tool_calls\"")
            || data.contains("function_call")
            || (data.contains("\"finish_reason\"") && !calls.isEmpty());
    if (data.strip().equals("[DONE]")) {
      settle(calls.keySet().stream().toList(), out);
      if (!done) {
        out.write(event.getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    if (!carriesCall) {
      out.write(event.getBytes(StandardCharsets.UTF_8));
      return;
    }
    held.write(event.getBytes(StandardCharsets.UTF_8));
    List<String> finished = new ArrayList<>();
    if (parse(data) instanceof JsonObject chunk) {
      read(chunk, finished);
    }
    if (!finished.isEmpty()) {
      settle(finished, out);
    }
  }

  /** Judges the finished calls; releases what is held, or cuts the stream. */
  private void settle(List<String> finished, ByteArrayOutputStream out) throws IOException {
    for (String key : finished) {
      Call call = calls.remove(key);
      if (call == null || call.name == null) {
        continue;
      }
      String arguments =
          call.finalArguments != null ? call.finalArguments : call.arguments.toString();
      JsonValue parsed = parse(arguments);
      ToolCall judged =
          ToolCall.of(call.name, parsed != null ? parsed : Jsonp.PROVIDER.createValue(arguments));
      ToolJudge.Refusal refusal = judge.apply(judged);
      if (refusal != null) {
        held.reset();
        calls.clear();
        onCut.accept(judged, refusal);
        out.write(errorEvent(refusal).getBytes(StandardCharsets.UTF_8));
        done = true;
        return;
      }
    }
    if (calls.isEmpty()) {
      held.writeTo(out);
      held.reset();
    }
  }

  private void read(JsonObject chunk, List<String> finished) {
    if (chunk.get("choices") instanceof JsonArray choices) {
      for (JsonValue c : choices) {
        if (!(c instanceof JsonObject choice)) {
          continue;
        }
        String index = choice.containsKey("index") ? choice.get("index").toString() : "0";
        if (choice.get("delta") instanceof JsonObject delta
            && delta.get("tool_calls") instanceof JsonArray toolCalls) {
          for (JsonValue t : toolCalls) {
            if (t instanceof JsonObject tc) {
              String key = index + "/" + (tc.containsKey("index") ? tc.get("index") : "0");
              Call call = calls.computeIfAbsent(key, k -> new Call());
              if (tc.get("function") instanceof JsonObject f) {
                if (call.name == null && f.get("name") instanceof JsonString name) {
                  call.name = name.getString();
                }
                if (f.get("arguments") instanceof JsonString fragment) {
                  call.arguments.append(fragment.getString());
                }
              }
            }
          }
        }
        if (choice.get("finish_reason") instanceof JsonString) {
          calls.keySet().stream().filter(k -> k.startsWith(index + "/")).forEach(finished::add);
        }
      }
      return;
    }
    String type = chunk.get("type") instanceof JsonString s ? s.getString() : "";
    JsonObject item = chunk.get("item") instanceof JsonObject i ? i : null;
    String key =
        "item/"
            + (item != null && item.get("id") instanceof JsonString id
                ? id.getString()
                : chunk.get("item_id") instanceof JsonString id ? id.getString() : "?");
    switch (type) {
      case "response.output_item.added", "response.output_item.done" -> {
        if (item != null
            && item.get("type") instanceof JsonString t
            && t.getString().equals("function_call")) {
          Call call = calls.computeIfAbsent(key, k -> new Call());
          if (item.get("name") instanceof JsonString name) {
            call.name = name.getString();
          }
          if (type.endsWith(".done")) {
            if (item.get("arguments") instanceof JsonString arguments) {
              call.finalArguments = arguments.getString();
            }
            finished.add(key);
          }
        }
      }
      case "response.function_call_arguments.delta" -> {
        if (chunk.get("delta") instanceof JsonString delta) {
          calls.computeIfAbsent(key, k -> new Call()).arguments.append(delta.getString());
        }
      }
      case "response.function_call_arguments.done" -> {
        if (chunk.get("arguments") instanceof JsonString arguments) {
          calls.computeIfAbsent(key, k -> new Call()).finalArguments = arguments.getString();
        }
      }
      default -> {}
    }
  }

  static String errorEvent(ToolJudge.Refusal refusal) {
    return "event: error\ndata: "
        + Jsonp.PROVIDER
            .createObjectBuilder()
            .add(
                "error",
                Jsonp.PROVIDER
                    .createObjectBuilder()
                    .add("type", "gateway_refusal")
                    .add("code", refusal.reason())
                    .add("message", refusal.message()))
            .build()
        + "\n\n";
  }

  private static String data(String event) {
    StringBuilder data = new StringBuilder();
    for (String line : event.split("\r?\n")) {
      if (line.startsWith("data:")) {
        data.append(line, line.startsWith("data: ") ? 6 : 5, line.length());
      }
    }
    return data.toString();
  }

  private static JsonValue parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    upstream.close();
  }
}
