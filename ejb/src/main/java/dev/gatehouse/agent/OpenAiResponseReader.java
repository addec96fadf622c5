package dev.gatehouse.agent;

import dev.gatehouse.platform.JsonText;
import jakarta.json.stream.JsonParser.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tool calls of an OpenAI-compatible answer, as the caller received it (masked): Chat
 * Completions' {@code choices[].message.tool_calls[]} and, streamed, the {@code
 * choices[].delta.tool_calls[]} fragments joined per choice and call index; the Responses API's
 * {@code function_call} output items and, streamed, their {@code
 * response.function_call_arguments.delta}/{@code .done} events joined per item. Each call is named
 * with the digest of its canonical arguments ({@link CanonicalJson}); arguments that are not JSON
 * (or name a member twice) are digested as the string they are. What it cannot read yields no
 * calls. Where a member is named twice the last counts, as in the clients the answer goes to.
 *
 * <p>Only what names a call is kept; the rest is read past as events. An event of a stream that
 * cannot hold a call — no {@code tool_calls}, no {@code function_call} and no escape that could
 * spell either — is not parsed at all: a chat stream is mostly text deltas.
 */
public final class OpenAiResponseReader {

  private OpenAiResponseReader() {}

  /** A call being assembled from a stream. */
  private static final class Pending {
    String name;
    final StringBuilder arguments = new StringBuilder();
    String done;
  }

  public static List<ToolCall> toolCalls(String body, boolean eventStream) {
    Map<String, Pending> calls = new LinkedHashMap<>();
    if (eventStream) {
      SseEvents.eachData(
          body,
          data -> {
            if (mayCall(data)) {
              read(data, chunk -> streamed(chunk, calls));
            }
          });
    } else {
      read(body, answer -> whole(answer, calls));
    }
    List<ToolCall> out = new ArrayList<>();
    for (Pending p : calls.values()) {
      if (p.name != null) {
        String arguments = p.done != null ? p.done : p.arguments.toString();
        String canonical = canonicalArguments(arguments);
        out.add(new ToolCall(p.name, CanonicalJson.sha256Of(canonical), canonical));
      }
    }
    return out;
  }

  private static boolean mayCall(String data) {
    return data.contains("tool_calls") || data.contains("function_call") || data.indexOf('\\') >= 0;
  }

  /** The arguments' canonical form, or the canonical string they are when they are not JSON. */
  private static String canonicalArguments(String arguments) {
    try (JsonStream json = new JsonStream(arguments)) {
      String canonical = json.canonical(json.first());
      json.end();
      return canonical;
    } catch (RuntimeException e) {
      return JsonText.quote(arguments);
    }
  }

  /** Reads one JSON object with {@code reader}; a text that is not one yields nothing. */
  private static void read(String json, java.util.function.Consumer<JsonStream> reader) {
    try (JsonStream stream = new JsonStream(json)) {
      if (stream.first() == Event.START_OBJECT) {
        reader.accept(stream);
      }
    } catch (RuntimeException e) {
      // not JSON: no calls from this text
    }
  }

  // ---- a whole answer ----

  private static void whole(JsonStream answer, Map<String, Pending> calls) {
    for (Event e = answer.next(); e != Event.END_OBJECT; e = answer.next()) {
      String key = answer.string();
      Event value = answer.next();
      if (value != Event.START_ARRAY) {
        answer.skip(value);
      } else if (key.equals("choices")) {
        int c = 0;
        for (Event choice = answer.next(); choice != Event.END_ARRAY; choice = answer.next()) {
          if (choice == Event.START_OBJECT) {
            choice(answer, c, calls);
          } else {
            answer.skip(choice);
          }
          c++;
        }
      } else if (key.equals("output")) {
        int i = 0;
        for (Event item = answer.next(); item != Event.END_ARRAY; item = answer.next()) {
          if (item == Event.START_OBJECT) {
            Item it = Item.read(answer);
            if ("function_call".equals(it.type)) {
              Pending p = calls.computeIfAbsent("out/" + i, k -> new Pending());
              p.name = it.name;
              p.done = it.arguments;
            }
          } else {
            answer.skip(item);
          }
          i++;
        }
      } else {
        answer.skip(value);
      }
    }
  }

  /** One choice of a whole answer: its {@code message.tool_calls[].function}. */
  private static void choice(JsonStream answer, int c, Map<String, Pending> calls) {
    for (Event e = answer.next(); e != Event.END_OBJECT; e = answer.next()) {
      boolean message = answer.string().equals("message");
      Event value = answer.next();
      if (!message || value != Event.START_OBJECT) {
        answer.skip(value);
        continue;
      }
      for (Event m = answer.next(); m != Event.END_OBJECT; m = answer.next()) {
        boolean toolCalls = answer.string().equals("tool_calls");
        Event list = answer.next();
        if (!toolCalls || list != Event.START_ARRAY) {
          answer.skip(list);
          continue;
        }
        int i = 0;
        for (Event call = answer.next(); call != Event.END_ARRAY; call = answer.next()) {
          Function f = call == Event.START_OBJECT ? Function.ofCall(answer) : null;
          if (f == null) {
            answer.skip(call);
          } else if (f.present) {
            Pending p = calls.computeIfAbsent(c + "/" + i, k -> new Pending());
            p.name = f.name;
            p.done = f.arguments;
          }
          i++;
        }
      }
    }
  }

  // ---- a stream's chunks ----

  private static void streamed(JsonStream chunk, Map<String, Pending> calls) {
    Chunk read = Chunk.read(chunk);
    if (read.choices != null) {
      for (Choice choice : read.choices) {
        for (Fragment fragment : choice.fragments) {
          Pending p =
              calls.computeIfAbsent(choice.index + "/" + fragment.index, k -> new Pending());
          if (fragment.function != null && fragment.function.present) {
            if (p.name == null && fragment.function.name != null) {
              p.name = fragment.function.name;
            }
            if (fragment.function.arguments != null) {
              p.arguments.append(fragment.function.arguments);
            }
          }
        }
      }
      return;
    }
    if (read.type == null) {
      return;
    }
    switch (read.type) {
      case "response.output_item.added", "response.output_item.done" -> {
        if (read.item != null && "function_call".equals(read.item.type)) {
          String key = read.item.id != null ? "item/" + read.item.id : "index/" + read.outputIndex;
          Pending p = calls.computeIfAbsent(key, k -> new Pending());
          p.name = p.name == null ? read.item.name : p.name;
          if (read.type.endsWith(".done") && read.item.arguments != null) {
            p.done = read.item.arguments;
          }
        }
      }
      case "response.function_call_arguments.delta" -> {
        Pending p = calls.computeIfAbsent(read.itemKey(), k -> new Pending());
        if (read.delta != null) {
          p.arguments.append(read.delta);
        }
      }
      case "response.function_call_arguments.done" -> {
        Pending p = calls.computeIfAbsent(read.itemKey(), k -> new Pending());
        if (read.arguments != null) {
          p.done = read.arguments;
        }
      }
      default -> {
        // text deltas, lifecycle events: no tool call
      }
    }
  }

  /** What one streamed chunk or event says of tool calls, whatever order its members come in. */
  private static final class Chunk {
    List<Choice> choices;
    String type;
    Item item;
    String itemId;
    String outputIndex = "0";
    String delta;
    String arguments;

    /** A Responses item's key: its id, else its output index. */
    String itemKey() {
      return itemId != null ? "item/" + itemId : "index/" + outputIndex;
    }

    static Chunk read(JsonStream json) {
      Chunk chunk = new Chunk();
      for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
        String key = json.string();
        Event value = json.next();
        switch (key) {
          case "choices" -> {
            if (value == Event.START_ARRAY) {
              chunk.choices = new ArrayList<>();
              for (Event c = json.next(); c != Event.END_ARRAY; c = json.next()) {
                if (c == Event.START_OBJECT) {
                  chunk.choices.add(Choice.read(json));
                } else {
                  json.skip(c);
                }
              }
            } else {
              chunk.choices = null;
              json.skip(value);
            }
          }
          case "type" -> chunk.type = json.stringOrSkip(value);
          case "item" -> {
            chunk.item = null;
            if (value == Event.START_OBJECT) {
              chunk.item = Item.read(json);
            } else {
              json.skip(value);
            }
          }
          case "item_id" -> chunk.itemId = json.stringOrSkip(value);
          case "output_index" -> chunk.outputIndex = raw(json, value);
          case "delta" -> chunk.delta = json.stringOrSkip(value);
          case "arguments" -> chunk.arguments = json.stringOrSkip(value);
          default -> json.skip(value);
        }
      }
      return chunk;
    }
  }

  /** A streamed choice: its index and its tool-call fragments. */
  private static final class Choice {
    String index = "0";
    final List<Fragment> fragments = new ArrayList<>();

    static Choice read(JsonStream json) {
      Choice choice = new Choice();
      for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
        String key = json.string();
        Event value = json.next();
        if (key.equals("index")) {
          choice.index = raw(json, value);
        } else if (key.equals("delta") && value == Event.START_OBJECT) {
          choice.fragments.clear();
          for (Event d = json.next(); d != Event.END_OBJECT; d = json.next()) {
            boolean toolCalls = json.string().equals("tool_calls");
            Event list = json.next();
            if (!toolCalls || list != Event.START_ARRAY) {
              json.skip(list);
              continue;
            }
            choice.fragments.clear();
            for (Event f = json.next(); f != Event.END_ARRAY; f = json.next()) {
              if (f == Event.START_OBJECT) {
                choice.fragments.add(Fragment.read(json));
              } else {
                json.skip(f);
              }
            }
          }
        } else {
          if (key.equals("delta")) {
            choice.fragments.clear();
          }
          json.skip(value);
        }
      }
      return choice;
    }
  }

  /** One entry of a streamed {@code delta.tool_calls}: its index and its function fragment. */
  private static final class Fragment {
    String index = "0";
    Function function;

    static Fragment read(JsonStream json) {
      Fragment fragment = new Fragment();
      for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
        String key = json.string();
        Event value = json.next();
        if (key.equals("index")) {
          fragment.index = raw(json, value);
        } else if (key.equals("function") && value == Event.START_OBJECT) {
          fragment.function = Function.read(json);
        } else {
          if (key.equals("function")) {
            fragment.function = null;
          }
          json.skip(value);
        }
      }
      return fragment;
    }
  }

  /** A {@code function} object's name and arguments, when they are strings. */
  private static final class Function {
    boolean present;
    String name;
    String arguments;

    static Function read(JsonStream json) {
      Function function = new Function();
      function.present = true;
      for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
        String key = json.string();
        Event value = json.next();
        switch (key) {
          case "name" -> function.name = json.stringOrSkip(value);
          case "arguments" -> function.arguments = json.stringOrSkip(value);
          default -> json.skip(value);
        }
      }
      return function;
    }

    /** The {@code function} of one tool call of a whole answer (not present when it has none). */
    static Function ofCall(JsonStream json) {
      Function function = new Function();
      for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
        String key = json.string();
        Event value = json.next();
        if (key.equals("function") && value == Event.START_OBJECT) {
          function = read(json);
        } else {
          if (key.equals("function")) {
            function = new Function();
          }
          json.skip(value);
        }
      }
      return function;
    }
  }

  /** A Responses API output item: its type, id, name and arguments, when they are strings. */
  private static final class Item {
    String type;
    String id;
    String name;
    String arguments;

    static Item read(JsonStream json) {
      Item item = new Item();
      for (Event e = json.next(); e != Event.END_OBJECT; e = json.next()) {
        String key = json.string();
        Event value = json.next();
        switch (key) {
          case "type" -> item.type = json.stringOrSkip(value);
          case "id" -> item.id = json.stringOrSkip(value);
          case "name" -> item.name = json.stringOrSkip(value);
          case "arguments" -> item.arguments = json.stringOrSkip(value);
          default -> json.skip(value);
        }
      }
      return item;
    }
  }

  /** A scalar's JSON text (an index), or the canonical text of a structure. */
  private static String raw(JsonStream json, Event value) {
    return value == Event.START_OBJECT || value == Event.START_ARRAY
        ? json.canonical(value)
        : json.scalar().toString();
  }
}
