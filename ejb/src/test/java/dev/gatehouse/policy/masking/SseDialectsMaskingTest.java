package dev.gatehouse.policy.masking;

import static dev.gatehouse.policy.masking.StreamScenario.AWS_KEY;
import static dev.gatehouse.policy.masking.StreamScenario.OPENAI_KEY;
import static dev.gatehouse.policy.masking.StreamScenario.q;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets a model streams in pieces across server-sent events, in each dialect the gateway relays:
 * whatever the split, they arrive masked, in as many events as were sent.
 */
class SseDialectsMaskingTest {

  private static final String CHUNK =
      "data: {\"id\":\"chatcmpl-9x\",\"object\":\"chat.completion.chunk\",\"created\":1733600000,"
          + "\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_50cad350e4\",\"choices\":";

  private static String chatChunk(String choices) {
    return CHUNK + choices + "}\n\n";
  }

  /** OpenAI chat: choice 1 taking turns with choice 0, each with a key split across events. */
  private static StreamScenario choices() {
    return StreamScenario.sse()
        .lane("Here is the key: " + OPENAI_KEY + " — keep it safe.", OPENAI_KEY)
        .lane("Your AWS key id is " + AWS_KEY + ", rotate it.", AWS_KEY)
        .before(
            chatChunk(
                "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}]"),
            chatChunk(
                "[{\"index\":1,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}]"))
        .event(
            (lane, piece) ->
                chatChunk(
                    "[{\"index\":"
                        + lane
                        + ",\"delta\":{\"content\":"
                        + q(piece)
                        + "},\"logprobs\":null,\"finish_reason\":null}]"))
        .after(
            chatChunk("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]"),
            chatChunk("[{\"index\":1,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]"),
            "data: [DONE]\n\n")
        .read(
            json -> {
              Map<Integer, String> pieces = new HashMap<>();
              for (JsonValue v : json.getJsonArray("choices")) {
                JsonObject choice = v.asJsonObject();
                JsonObject delta = choice.getJsonObject("delta");
                if (delta.containsKey("content")) {
                  pieces.merge(choice.getInt("index"), delta.getString("content"), String::concat);
                }
              }
              return pieces;
            });
  }

  /** OpenAI chat: the arguments of two parallel tool calls, taking turns. */
  private static StreamScenario toolCalls() {
    return StreamScenario.sse()
        .lane("{\"query\":\"rotate " + OPENAI_KEY + " today\",\"limit\":3}", OPENAI_KEY)
        .lane("{\"access_key_id\":\"" + AWS_KEY + "\",\"region\":\"eu-west-1\"}", AWS_KEY)
        .before(
            chatChunk(
                "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
                    + "[{\"index\":0,\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"search_keys\",\"arguments\":\"\"}}]},"
                    + "\"logprobs\":null,\"finish_reason\":null}]"),
            chatChunk(
                "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,"
                    + "\"id\":\"call_1xa9XTPNJ32zg2hcADdmO9pD3\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"aws_lookup\",\"arguments\":\"\"}}]},"
                    + "\"logprobs\":null,\"finish_reason\":null}]"))
        .event(
            (lane, piece) ->
                chatChunk(
                    "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":"
                        + lane
                        + ",\"function\":{\"arguments\":"
                        + q(piece)
                        + "}}]},\"logprobs\":null,\"finish_reason\":null}]"))
        .after(
            chatChunk(
                "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]"),
            "data: [DONE]\n\n")
        .read(
            json -> {
              Map<Integer, String> pieces = new HashMap<>();
              JsonObject delta =
                  json.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
              if (delta.containsKey("tool_calls")) {
                for (JsonValue v : delta.getJsonArray("tool_calls")) {
                  JsonObject call = v.asJsonObject();
                  pieces.merge(
                      call.getInt("index"),
                      call.getJsonObject("function").getString("arguments"),
                      String::concat);
                }
              }
              return pieces;
            });
  }

  /** Reasoning models (DeepSeek, and OpenAI-compatible servers): {@code reasoning_content}. */
  private static StreamScenario reasoning() {
    return StreamScenario.sse()
        .lane("The user pasted " + OPENAI_KEY + " so I should warn them.", OPENAI_KEY)
        .before(
            chatChunk(
                "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
                    + "\"reasoning_content\":\"\"},\"finish_reason\":null}]"))
        .event(
            (lane, piece) ->
                chatChunk(
                    "[{\"index\":0,\"delta\":{\"content\":null,\"reasoning_content\":"
                        + q(piece)
                        + "},\"finish_reason\":null}]"))
        .after(
            chatChunk("[{\"index\":0,\"delta\":{\"content\":\"Done.\"},\"finish_reason\":null}]"),
            "data: [DONE]\n\n")
        .read(
            json -> {
              JsonObject delta =
                  json.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
              return delta.get("reasoning_content") instanceof jakarta.json.JsonString s
                  ? Map.of(0, s.getString())
                  : Map.of();
            });
  }

  /** OpenAI Responses API: output text deltas and function call argument deltas, taking turns. */
  private static StreamScenario responses() {
    int[] sequence = {3};
    return StreamScenario.sse()
        .lane("Use " + OPENAI_KEY + " for the staging project.", OPENAI_KEY)
        .lane("{\"key\":\"" + AWS_KEY + "\",\"dry_run\":true}", AWS_KEY)
        .before(
            "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,"
                + "\"response\":{\"id\":\"resp_67c9fdcecf488190bdd9a0409de3a1ec\","
                + "\"object\":\"response\",\"created_at\":1741290958,\"status\":\"in_progress\","
                + "\"instructions\":\"You are a helpful assistant.\",\"model\":\"gpt-4.1\","
                + "\"output\":[]}}\n\n",
            "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\","
                + "\"sequence_number\":1,\"output_index\":0,\"item\":{\"id\":\"msg_67c9fdcf37fc\","
                + "\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\","
                + "\"content\":[]}}\n\n",
            "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\","
                + "\"sequence_number\":2,\"output_index\":1,\"item\":{\"id\":\"fc_12345xyz\","
                + "\"type\":\"function_call\",\"status\":\"in_progress\",\"arguments\":\"\","
                + "\"call_id\":\"call_12345xyz\",\"name\":\"rotate_key\"}}\n\n")
        .event(
            (lane, piece) ->
                lane == 0
                    ? "event: response.output_text.delta\ndata: {\"type\":"
                        + "\"response.output_text.delta\",\"sequence_number\":"
                        + sequence[0]++
                        + ",\"item_id\":\"msg_67c9fdcf37fc\",\"output_index\":0,"
                        + "\"content_index\":0,\"delta\":"
                        + q(piece)
                        + "}\n\n"
                    : "event: response.function_call_arguments.delta\ndata: {\"type\":"
                        + "\"response.function_call_arguments.delta\",\"sequence_number\":"
                        + sequence[0]++
                        + ",\"item_id\":\"fc_12345xyz\",\"output_index\":1,\"delta\":"
                        + q(piece)
                        + "}\n\n")
        .after(
            "event: response.output_text.done\ndata: {\"type\":\"response.output_text.done\","
                + "\"sequence_number\":90,\"item_id\":\"msg_67c9fdcf37fc\",\"output_index\":0,"
                + "\"content_index\":0,\"text\":\"Use "
                + OPENAI_KEY
                + " for the staging project.\"}\n\n",
            "event: response.completed\ndata: {\"type\":\"response.completed\","
                + "\"sequence_number\":91,\"response\":{\"id\":\"resp_67c9fdcecf488190bdd9a0409de3a1ec\","
                + "\"object\":\"response\",\"status\":\"completed\",\"output\":[]}}\n\n")
        .read(
            json -> {
              String type = json.getString("type");
              if (type.equals("response.output_text.delta")) {
                return Map.of(0, json.getString("delta"));
              }
              if (type.equals("response.function_call_arguments.delta")) {
                return Map.of(1, json.getString("delta"));
              }
              return Map.of();
            });
  }

  private static String anthropic(String type, String body) {
    return "event: " + type + "\ndata: {\"type\":\"" + type + "\"" + body + "}\n\n";
  }

  /** Anthropic Messages: a thinking block, a text block, a tool_use block, one after another. */
  private static StreamScenario anthropicBlocks() {
    String[] kinds = {"thinking", "text", "partial_json"};
    return StreamScenario.sse()
        .lane("The user's key " + OPENAI_KEY + " must not be repeated.", OPENAI_KEY)
        .lane("I found the key " + AWS_KEY + " in your config.", AWS_KEY)
        .lane("{\"key_id\": \"" + OPENAI_KEY + "\"}", OPENAI_KEY)
        .sequential()
        .before(
            anthropic(
                "message_start",
                ",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5\","
                    + "\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}"),
            anthropic(
                "content_block_start",
                ",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\","
                    + "\"signature\":\"\"}"),
            anthropic("ping", ""))
        .event(
            (lane, piece) ->
                anthropic(
                    "content_block_delta",
                    ",\"index\":"
                        + lane
                        + ",\"delta\":{\"type\":\""
                        + (lane == 2 ? "input_json" : kinds[lane])
                        + "_delta\",\""
                        + kinds[lane]
                        + "\":"
                        + q(piece)
                        + "}"))
        .after(
            anthropic("content_block_stop", ",\"index\":2"),
            anthropic(
                "message_delta",
                ",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":89}"),
            anthropic("message_stop", ""))
        .read(
            json -> {
              if (!json.getString("type").equals("content_block_delta")) {
                return Map.of();
              }
              int index = json.getInt("index");
              return Map.of(index, json.getJsonObject("delta").getString(kinds[index]));
            });
  }

  /** Anthropic Messages: two text blocks' deltas taking turns, told apart by {@code index}. */
  private static StreamScenario anthropicIndexes() {
    return StreamScenario.sse()
        .lane("First: " + OPENAI_KEY + " is leaked.", OPENAI_KEY)
        .lane("Second: " + AWS_KEY + " too.", AWS_KEY)
        .event(
            (lane, piece) ->
                anthropic(
                    "content_block_delta",
                    ",\"index\":"
                        + lane
                        + ",\"delta\":{\"type\":\"text_delta\",\"text\":"
                        + q(piece)
                        + "}"))
        .after(anthropic("message_stop", ""))
        .read(
            json ->
                json.getString("type").equals("content_block_delta")
                    ? Map.of(json.getInt("index"), json.getJsonObject("delta").getString("text"))
                    : Map.of());
  }

  @Test
  void openAiChoicesTakingTurnsInTwoPieces() throws IOException {
    choices().checkTwoPieces();
  }

  @Test
  void openAiChoicesTakingTurnsInThreePieces() throws IOException {
    choices().checkThreePieces();
  }

  @Test
  void openAiToolCallArgumentsInTwoPieces() throws IOException {
    toolCalls().checkTwoPieces();
  }

  @Test
  void openAiToolCallArgumentsInThreePieces() throws IOException {
    toolCalls().checkThreePieces();
  }

  @Test
  void reasoningContentInTwoAndThreePieces() throws IOException {
    reasoning().checkTwoPieces();
    reasoning().checkThreePieces();
  }

  @Test
  void responsesApiDeltasInTwoPieces() throws IOException {
    responses().checkTwoPieces();
  }

  @Test
  void responsesApiDeltasInThreePieces() throws IOException {
    responses().checkThreePieces();
  }

  @Test
  void anthropicThinkingTextAndJsonDeltasInTwoPieces() throws IOException {
    anthropicBlocks().checkTwoPieces();
  }

  @Test
  void anthropicThinkingTextAndJsonDeltasInThreePieces() throws IOException {
    anthropicBlocks().checkThreePieces();
  }

  @Test
  void anthropicBlocksTakingTurnsInTwoAndThreePieces() throws IOException {
    anthropicIndexes().checkTwoPieces();
    anthropicIndexes().checkThreePieces();
  }
}
