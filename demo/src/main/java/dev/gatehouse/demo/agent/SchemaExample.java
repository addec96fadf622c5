package dev.gatehouse.demo.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plausible arguments made up from a tool's JSON Schema, for a call whose user message gave none:
 * the required properties (all of them when none is required), each with its {@code default}, first
 * {@code enum} value, {@code const} or first of its {@code examples}, else a value of its type
 * ({@code "example"}, {@code 1}, {@code true}, one made-up item, a made-up object). Like a model's,
 * the guess need not satisfy every constraint; unlike a model's, it is always the same.
 */
final class SchemaExample {

  /** Schemas nest no deeper in practice; deeper ones get {@code null}. */
  private static final int MAX_DEPTH = 32;

  private SchemaExample() {}

  /** An arguments object for {@code schema}; {@code {}} when it describes no object. */
  static Map<String, Object> argumentsFor(Map<?, ?> schema) {
    return valueFor(schema, 0) instanceof Map<?, ?> object ? copyOf(object) : new LinkedHashMap<>();
  }

  private static Object valueFor(Object json, int depth) {
    if (!(json instanceof Map<?, ?> schema) || depth > MAX_DEPTH) {
      return null;
    }
    if (schema.containsKey("default")) {
      return schema.get("default");
    }
    if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
      return values.get(0);
    }
    if (schema.containsKey("const")) {
      return schema.get("const");
    }
    if (schema.get("examples") instanceof List<?> examples && !examples.isEmpty()) {
      return examples.get(0);
    }
    return switch (typeOf(schema)) {
      case "object" -> objectFor(schema, depth);
      case "array" ->
          schema.get("items") == null
              ? List.of()
              : Collections.singletonList(valueFor(schema.get("items"), depth + 1));
      case "string" -> "example";
      case "integer", "number" -> 1;
      case "boolean" -> true;
      default -> null;
    };
  }

  private static Map<String, Object> objectFor(Map<?, ?> schema, int depth) {
    Map<?, ?> properties =
        schema.get("properties") instanceof Map<?, ?> declared ? declared : Map.of();
    List<?> names =
        schema.get("required") instanceof List<?> required
            ? required
            : List.copyOf(properties.keySet());
    Map<String, Object> object = new LinkedHashMap<>();
    for (Object name : names) {
      if (name instanceof String property) {
        object.put(property, valueFor(properties.get(property), depth + 1));
      }
    }
    return object;
  }

  /** The schema's type; of a list of types the first that is not {@code "null"}. */
  private static String typeOf(Map<?, ?> schema) {
    Object type = schema.get("type");
    if (type instanceof String name) {
      return name;
    }
    if (type instanceof List<?> names) {
      for (Object name : names) {
        if (name instanceof String typeName && !typeName.equals("null")) {
          return typeName;
        }
      }
    }
    return schema.get("properties") instanceof Map ? "object" : "";
  }

  private static Map<String, Object> copyOf(Map<?, ?> object) {
    Map<String, Object> copy = new LinkedHashMap<>();
    object.forEach((key, value) -> copy.put((String) key, value));
    return copy;
  }
}
