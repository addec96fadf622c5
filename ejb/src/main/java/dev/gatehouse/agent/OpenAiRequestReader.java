package dev.gatehouse.agent;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI-compatible request (Chat Completions, Responses): the model and the tools it
 * offers. Chat Completions offers {@code tools:[{type:"function", function:{name,…}}]}, the
 * Responses API {@code tools:[{type:"function", name,…}]}. A body that is not one JSON object is
 * refused: nothing the gateway could not read is forwarded on an agent connection.
 */
public final class OpenAiRequestReader {

  private OpenAiRequestReader() {}

  public static AgentFacts read(String body) {
    JsonValue root;
    try {
      root = SingleJsonValue.read(body);
    } catch (RuntimeException e) {
      throw new AgentRequestRefused(
          "invalid_json", "The request body is not JSON.", AgentRequestRefused.PARSE_ERROR, null);
    }
    if (!(root instanceof JsonObject request)) {
      throw refused("The request body is not a JSON object.");
    }
    String model = request.get("model") instanceof JsonString s ? s.getString() : null;
    return new AgentFacts(
        AgentProtocol.OPENAI, model, null, null, toolsOffered(request), List.of(), null);
  }

  /**
   * The tools a request offers, defined: Chat Completions' {@code {type, function:{name,
   * description, parameters}}} and the Responses API's {@code {type, name, description,
   * parameters}}.
   */
  private static List<ToolDefinition> toolsOffered(JsonObject request) {
    List<ToolDefinition> offered = new ArrayList<>();
    if (request.get("tools") instanceof JsonArray tools) {
      for (JsonValue tool : tools) {
        if (tool instanceof JsonObject t) {
          JsonObject holder = t.get("function") instanceof JsonObject f ? f : t;
          if (holder.get("name") instanceof JsonString name) {
            String description =
                holder.get("description") instanceof JsonString d ? d.getString() : null;
            offered.add(
                ToolDefinition.of(name.getString(), description, holder.get("parameters"), null));
          }
        }
      }
    }
    return offered;
  }

  private static AgentRequestRefused refused(String detail) {
    return new AgentRequestRefused(
        "openai_invalid_request", detail, AgentRequestRefused.INVALID_REQUEST, null);
  }
}
