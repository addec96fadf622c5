package dev.gatehouse.policy;

import dev.gatehouse.agent.CanonicalJson;
import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;

/** What a TOOL rule's pattern looks at in a call's canonical arguments. */
final class ToolArguments {

  private ToolArguments() {}

  /**
   * The text at a JSON Pointer into the canonical arguments: a string as itself, any other value as
   * canonical JSON; nothing when the pointer leads nowhere. Without a pointer, the canonical
   * arguments themselves.
   */
  static List<String> at(String canonicalArguments, List<String> pointer) {
    if (pointer == null) {
      return List.of(canonicalArguments);
    }
    JsonValue value;
    try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(canonicalArguments))) {
      value = reader.readValue();
    } catch (RuntimeException e) {
      // Arguments that are not JSON were digested as a string: no member to point at.
      return List.of();
    }
    for (String token : pointer) {
      if (value instanceof JsonObject object && object.containsKey(token)) {
        value = object.get(token);
      } else if (value instanceof JsonArray array && isIndex(token, array.size())) {
        value = array.get(Integer.parseInt(token));
      } else {
        return List.of();
      }
    }
    return List.of(value instanceof JsonString s ? s.getString() : CanonicalJson.of(value));
  }

  private static boolean isIndex(String token, int size) {
    if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
      return false;
    }
    if (token.length() > 1 && token.charAt(0) == '0') {
      return false;
    }
    return Integer.parseInt(token) < size;
  }
}
