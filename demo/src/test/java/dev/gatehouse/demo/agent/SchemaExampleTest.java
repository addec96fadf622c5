package dev.gatehouse.demo.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaExampleTest {

  @Test
  void fillsTheRequiredPropertiesWithValuesOfTheirTypes() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("city", Map.of("type", "string"));
    properties.put("days", Map.of("type", "integer"));
    properties.put("unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")));
    properties.put("hourly", Map.of("type", List.of("null", "boolean")));
    properties.put("tags", Map.of("type", "array", "items", Map.of("type", "string")));
    properties.put("where", Map.of("properties", Map.of("lat", Map.of("type", "number"))));
    properties.put("optional", Map.of("type", "string"));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", List.of("city", "days", "unit", "hourly", "tags", "where"));

    Map<String, Object> arguments = SchemaExample.argumentsFor(schema);

    assertThat(arguments)
        .containsExactly(
            Map.entry("city", "example"),
            Map.entry("days", 1),
            Map.entry("unit", "celsius"),
            Map.entry("hourly", true),
            Map.entry("tags", List.of("example")),
            Map.entry("where", Map.of("lat", 1)));
  }

  @Test
  void prefersDefaultsConstantsAndExamples() {
    Map<String, Object> schema =
        Map.of(
            "type",
            "object",
            "properties",
            Map.of(
                "a", Map.of("type", "string", "default", "d"),
                "b", Map.of("const", 7),
                "c", Map.of("type", "string", "examples", List.of("Oslo"))));

    assertThat(SchemaExample.argumentsFor(schema))
        .containsEntry("a", "d")
        .containsEntry("b", 7)
        .containsEntry("c", "Oslo");
  }

  @Test
  void givesAnEmptyObjectForNoOrNonObjectSchemas() {
    assertThat(SchemaExample.argumentsFor(Map.of())).isEmpty();
    assertThat(SchemaExample.argumentsFor(Map.of("type", "string"))).isEmpty();
    assertThat(SchemaExample.argumentsFor(Map.of("type", "object"))).isEmpty();
    assertThat(
            SchemaExample.argumentsFor(Map.of("type", "object", "required", Arrays.asList("x", 3))))
        .containsOnlyKeys("x")
        .containsEntry("x", null);
  }
}
