package dev.gatehouse.policy;

import dev.gatehouse.platform.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as deny rules see it: the raw facts, and their normalised forms, computed once and
 * shared by all rules. A JSON body is parsed (so escapes such as {@code \u0072} are resolved); a
 * body that is not JSON is matched as text.
 */
public final class RequestSample {

  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final String bodyText;

  private String normalizedPath;
  private String canonicalPath;
  private String normalizedQuery;
  private JsonValue json;
  private boolean jsonParsed;
  private String normalizedBody;
  private String foldedBody;
  private String foldedQuery;
  private final Map<List<String>, List<String>> atPointer = new HashMap<>();

  public RequestSample(
      String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    this.method = method == null ? "" : method.toUpperCase(Locale.ROOT);
    this.path = path == null ? "" : path;
    this.rawQuery = rawQuery;
    this.headers = headers;
    this.bodyText = body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  String method() {
    return method;
  }

  String normalizedPath() {
    if (normalizedPath == null) {
      normalizedPath = InputNormalizer.normalize(path);
    }
    return normalizedPath;
  }

  /**
   * The normalised path as lenient backends read it: {@code ;} parameters cut from each segment,
   * {@code \\} taken as {@code /}, runs of slashes merged and a trailing slash dropped — so {@code
   * /v1/admin;x/reset}, {@code /v1//admin/reset} and {@code /v1/admin/reset/} all read {@code
   * /v1/admin/reset}.
   */
  String canonicalPath() {
    if (canonicalPath == null) {
      StringBuilder out = new StringBuilder();
      for (String segment : normalizedPath().replace('\\', '/').split("/")) {
        int semicolon = segment.indexOf(';');
        String name = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
        if (!name.isEmpty()) {
          out.append('/').append(name);
        }
      }
      canonicalPath = out.length() == 0 && !normalizedPath().isEmpty() ? "/" : out.toString();
    }
    return canonicalPath;
  }

  String normalizedQuery() {
    if (normalizedQuery == null) {
      normalizedQuery =
          rawQuery == null ? "" : InputNormalizer.normalize(rawQuery.replace('+', ' '));
    }
    return normalizedQuery;
  }

  List<String> normalizedHeader(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    if (values == null) {
      return List.of();
    }
    return values.stream().map(InputNormalizer::normalize).toList();
  }

  boolean hasBody() {
    return !bodyText.isBlank();
  }

  /** The parsed JSON body, or {@code null} when the body is not JSON. */
  JsonValue json() {
    if (!jsonParsed) {
      jsonParsed = true;
      String trimmed = bodyText.strip();
      if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(trimmed))) {
          json = reader.readValue();
        } catch (RuntimeException e) {
          // JsonException, or the parser's depth guard (a bare RuntimeException): match as text
          json = null;
        }
      }
    }
    return json;
  }

  /** The body normalised: for JSON, every key and string value (escapes resolved), one a line. */
  String normalizedBody() {
    if (normalizedBody == null) {
      JsonValue value = json();
      if (value == null) {
        normalizedBody = InputNormalizer.normalize(bodyText);
      } else {
        List<String> leaves = new ArrayList<>();
        strings(value, leaves, true);
        normalizedBody = InputNormalizer.normalize(String.join("\n", leaves));
      }
    }
    return normalizedBody;
  }

  /** The body normalised and case-folded, computed once for all rules that fold. */
  String foldedBody() {
    if (foldedBody == null) {
      foldedBody = InputNormalizer.fold(normalizedBody());
    }
    return foldedBody;
  }

  /** The query normalised and case-folded. */
  String foldedQuery() {
    if (foldedQuery == null) {
      foldedQuery = InputNormalizer.fold(normalizedQuery());
    }
    return foldedQuery;
  }

  /** The normalised string values at a pointer, computed once per pointer. */
  List<String> normalizedAt(List<String> pointer) {
    return atPointer.computeIfAbsent(pointer, this::valuesAt);
  }

  /** The normalised string values at a pointer ({@code *} matches any member or element). */
  private List<String> valuesAt(List<String> pointer) {
    JsonValue root = json();
    if (root == null) {
      return List.of();
    }
    List<JsonValue> current = List.of(root);
    for (String token : pointer) {
      List<JsonValue> next = new ArrayList<>();
      for (JsonValue v : current) {
        if (v instanceof JsonObject object) {
          if (token.equals("*")) {
            next.addAll(object.values());
          } else if (object.containsKey(token)) {
            next.add(object.get(token));
          }
        } else if (v instanceof JsonArray array) {
          if (token.equals("*")) {
            next.addAll(array);
          } else {
            try {
              int index = Integer.parseInt(token);
              if (index >= 0 && index < array.size()) {
                next.add(array.get(index));
              }
            } catch (NumberFormatException e) {
              // Not an index: nothing there.
            }
          }
        }
      }
      current = next;
    }
    List<String> leaves = new ArrayList<>();
    for (JsonValue v : current) {
      strings(v, leaves, false);
    }
    return leaves.stream().map(InputNormalizer::normalize).toList();
  }

  private static void strings(JsonValue value, List<String> into, boolean keys) {
    switch (value.getValueType()) {
      case STRING -> into.add(((JsonString) value).getString());
      case OBJECT -> {
        for (Map.Entry<String, JsonValue> e : ((JsonObject) value).entrySet()) {
          if (keys) {
            into.add(e.getKey());
          }
          strings(e.getValue(), into, keys);
        }
      }
      case ARRAY -> {
        for (JsonValue v : (JsonArray) value) {
          strings(v, into, keys);
        }
      }
      default -> {
        // Numbers, booleans and null carry no text to deny.
      }
    }
  }
}
