package dev.gatehouse.agent;

import jakarta.json.stream.JsonParser.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI-compatible request (Chat Completions, Responses): the model and the tools it
 * offers. Chat Completions offers {@code tools:[{type:"function", function:{name,…}}]}, the
 * Responses API {@code tools:[{type:"function", name,…}]}. A body that is not one JSON object is
 * refused: nothing the gateway could not read is forwarded on an agent connection. The rest of the
 * request — the conversation, most of its bytes — is read past, not kept.
 */
public final class OpenAiRequestReader {

  private OpenAiRequestReader() {}

  public static AgentFacts read(String body) {
    String model = null;
    List<ToolDefinition> offered = new ArrayList<>();
    boolean object;
    try (JsonStream json = new JsonStream(body)) {
      Event first = json.first();
      object = first == Event.START_OBJECT;
      if (object) {
        int seen = 0;
        for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
          String key = json.string();
          Event value = json.next();
          switch (key) {
            case "model" -> {
              seen = JsonStream.once(seen, 1, key);
              model = json.stringOrSkip(value);
            }
            case "tools" -> {
              seen = JsonStream.once(seen, 2, key);
              toolsOffered(json, value, offered);
            }
            default -> json.skip(value);
          }
        }
      } else {
        json.skip(first);
      }
      json.end();
    } catch (DuplicateMember e) {
      throw refused(e.getMessage());
    } catch (RuntimeException e) {
      throw new AgentRequestRefused(
          "invalid_json", "The request body is not JSON.", AgentRequestRefused.PARSE_ERROR, null);
    }
    if (!object) {
      throw refused("The request body is not a JSON object.");
    }
    return new AgentFacts(AgentProtocol.OPENAI, model, null, null, offered, List.of(), null);
  }

  /**
   * The tools a request offers, defined: Chat Completions' {@code {type, function:{name,
   * description, parameters}}} and the Responses API's {@code {type, name, description,
   * parameters}}.
   */
  private static void toolsOffered(JsonStream json, Event value, List<ToolDefinition> into) {
    if (value != Event.START_ARRAY) {
      json.skip(value);
      return;
    }
    for (Event e = json.next(); e != Event.END_ARRAY; e = json.next()) {
      if (e != Event.START_OBJECT) {
        json.skip(e);
        continue;
      }
      Holder tool = new Holder();
      Holder function = null;
      int seen = 0;
      for (Event m = json.next(); m != Event.END_OBJECT; m = json.next()) {
        String key = json.string();
        Event member = json.next();
        if (key.equals("function")) {
          seen = JsonStream.once(seen, 8, key);
          if (member == Event.START_OBJECT) {
            function = new Holder();
            function.read(json);
          } else {
            json.skip(member);
          }
        } else {
          seen = tool.member(json, key, member, seen);
        }
      }
      Holder holder = function != null ? function : tool;
      if (holder.name != null) {
        into.add(
            ToolDefinition.ofCanonical(holder.name, holder.description, holder.parameters, null));
      }
    }
  }

  /** A function's definition: its name, description and canonical parameters schema. */
  private static final class Holder {
    String name;
    String description;
    String parameters;

    void read(JsonStream json) {
      int seen = 0;
      for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
        String key = json.string();
        seen = member(json, key, json.next(), seen);
      }
    }

    int member(JsonStream json, String key, Event value, int seen) {
      switch (key) {
        case "name" -> {
          seen = JsonStream.once(seen, 1, key);
          name = json.stringOrSkip(value);
        }
        case "description" -> {
          seen = JsonStream.once(seen, 2, key);
          description = json.stringOrSkip(value);
        }
        case "parameters" -> {
          seen = JsonStream.once(seen, 4, key);
          parameters = json.canonical(value);
        }
        default -> json.skip(value);
      }
      return seen;
    }
  }

  private static AgentRequestRefused refused(String detail) {
    return new AgentRequestRefused(
        "openai_invalid_request", detail, AgentRequestRefused.INVALID_REQUEST, null);
  }
}
