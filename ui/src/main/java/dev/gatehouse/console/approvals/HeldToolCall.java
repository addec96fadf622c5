package dev.gatehouse.console.approvals;

import dev.gatehouse.agent.ToolCall;
import dev.gatehouse.approval.Approval;
import dev.gatehouse.approval.HeldRequest;
import dev.gatehouse.exchange.TranscriptMasker;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A held tool call as a reviewer sees it: the tool, what the tool says of itself, the digest of the
 * canonical arguments the approval is bound to, the rule (id and version) that held it, and the
 * arguments as the held request carries them — pretty-printed, then masked like the rest of the
 * held request.
 *
 * @param arguments the masked arguments, or {@code null} when the held body holds no call of the
 *     tool (the masked body below still shows what was sent)
 * @param argumentsMatch whether the arguments shown are the ones the digest was taken of
 */
public record HeldToolCall(
    String tool,
    String description,
    String argumentsSha256,
    String ruleId,
    Long ruleVersion,
    String arguments,
    boolean argumentsMatch) {

  /** The approval's tool call, or {@code null} when it holds a plain request. */
  public static HeldToolCall of(Approval approval, HeldRequest held, TranscriptMasker masker) {
    if (approval.getToolName() == null) {
      return null;
    }
    JsonValue arguments =
        arguments(approval.getToolName(), approval.getToolArgumentsSha256(), held.body());
    return new HeldToolCall(
        approval.getToolName(),
        approval.getToolDescription(),
        approval.getToolArgumentsSha256(),
        approval.getToolRuleId(),
        approval.getToolRuleVersion(),
        arguments == null ? null : masker.mask(JsonText.pretty(arguments.toString())),
        arguments != null
            && ToolCall.of(approval.getToolName(), arguments)
                .argumentsSha256()
                .equals(approval.getToolArgumentsSha256()));
  }

  /**
   * The arguments of the call of {@code tool} in a held JSON-RPC body (one message or a batch):
   * among several calls of the tool the one whose digest is the bound one, else the first; {@code
   * null} when the body holds no call of the tool.
   */
  static JsonValue arguments(String tool, String argumentsSha256, byte[] body) {
    JsonValue message;
    try (JsonReader reader =
        Jsonp.PROVIDER.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
      message = reader.readValue();
    } catch (RuntimeException e) {
      // Not JSON (or nested past the parser's guard): the masked body is all there is to show.
      return null;
    }
    List<JsonValue> candidates = new ArrayList<>();
    for (JsonValue m :
        message.getValueType() == JsonValue.ValueType.ARRAY
            ? message.asJsonArray()
            : List.of(message)) {
      if (m instanceof JsonObject call
          && "tools/call".equals(string(call, "method"))
          && call.get("params") instanceof JsonObject params
          && tool.equals(string(params, "name"))) {
        candidates.add(params.getOrDefault("arguments", JsonValue.EMPTY_JSON_OBJECT));
      }
    }
    return candidates.stream()
        .filter(a -> ToolCall.of(tool, a).argumentsSha256().equals(argumentsSha256))
        .findFirst()
        .orElse(candidates.isEmpty() ? null : candidates.get(0));
  }

  private static String string(JsonObject o, String name) {
    return o.get(name) instanceof jakarta.json.JsonString s ? s.getString() : null;
  }
}
