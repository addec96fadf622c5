package dev.gatehouse.demo.agent;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's MCP tools. <strong>Demo only</strong>: nothing is read from disk and nothing is
 * deleted; the answers are canned so the gateway has something realistic to inspect.
 *
 * <ul>
 *   <li>{@code calculator} adds {@code a} and {@code b}; the sum comes as structured content.
 *   <li>{@code read_config} returns a configuration text holding a planted OpenAI-style key, and
 *       logs a notification carrying the same key first, so the answer is an SSE stream of two
 *       events the gateway's masker must both clean.
 *   <li>{@code delete_records} is destructive (annotated {@code destructiveHint=true}) and reports
 *       what it "deleted".
 *   <li>{@code ask_client} asks the client in turn ({@link AskClientTool}).
 * </ul>
 */
final class McpTools {

  /** An obviously fake key in the shape of an OpenAI project key: {@code sk-proj-} + 36. */
  static final String PLANTED_KEY = "sk-proj-DEMOplanted0nly4gatehouseMasking0001";

  static final String CONFIG_TEXT =
      "# demo agent configuration\n"
          + "model=demo-react-1\n"
          + "openai_api_key="
          + PLANTED_KEY
          + "\n"
          + "max_tokens=512\n";

  private McpTools() {}

  static List<SyncToolSpecification> all() {
    return List.of(calculator(), readConfig(), deleteRecords(), AskClientTool.specification());
  }

  static SyncToolSpecification calculator() {
    Tool tool =
        Tool.builder()
            .name("calculator")
            .title("Calculator")
            .description("Adds two numbers.")
            .inputSchema(
                objectSchema(
                    Map.of(
                        "a", numberProperty("first addend"), "b", numberProperty("second addend")),
                    List.of("a", "b")))
            .outputSchema(objectSchema(Map.of("sum", numberProperty("a + b")), List.of("sum")))
            .annotations(
                ToolAnnotations.builder()
                    .readOnlyHint(true)
                    .destructiveHint(false)
                    .idempotentHint(true)
                    .openWorldHint(false)
                    .build())
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              double a = number(request, "a");
              double b = number(request, "b");
              double sum = a + b;
              return CallToolResult.builder()
                  .addTextContent(format(a) + " + " + format(b) + " = " + format(sum))
                  .structuredContent(Map.of("sum", sum))
                  .build();
            })
        .build();
  }

  static SyncToolSpecification readConfig() {
    Tool tool =
        Tool.builder()
            .name("read_config")
            .title("Read configuration")
            .description("Returns the agent's configuration file.")
            .inputSchema(objectSchema(Map.of(), List.of()))
            .annotations(
                ToolAnnotations.builder()
                    .readOnlyHint(true)
                    .destructiveHint(false)
                    .idempotentHint(true)
                    .openWorldHint(false)
                    .build())
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              log(exchange, "read_config: loaded 3 settings, openai_api_key=" + PLANTED_KEY);
              return CallToolResult.builder().addTextContent(CONFIG_TEXT).build();
            })
        .build();
  }

  static SyncToolSpecification deleteRecords() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("table", Map.of("type", "string", "description", "the table to delete from"));
    properties.put(
        "ids",
        Map.of(
            "type",
            "array",
            "items",
            Map.of("type", "string"),
            "description",
            "the record ids to delete"));
    Tool tool =
        Tool.builder()
            .name("delete_records")
            .title("Delete records")
            .description("Deletes records from a table. Destructive: the records are gone.")
            .inputSchema(objectSchema(properties, List.of("table", "ids")))
            .annotations(
                ToolAnnotations.builder()
                    .readOnlyHint(false)
                    .destructiveHint(true)
                    .idempotentHint(true)
                    .openWorldHint(false)
                    .build())
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              Object table = request.arguments().get("table");
              Object ids = request.arguments().get("ids");
              List<?> deleted = ids instanceof List<?> list ? list : List.of();
              Map<String, Object> structured = new LinkedHashMap<>();
              structured.put("table", String.valueOf(table));
              structured.put("deleted", deleted);
              return CallToolResult.builder()
                  .addTextContent(
                      "Deleted " + deleted.size() + " record(s) from " + table + ": " + deleted)
                  .structuredContent(structured)
                  .build();
            })
        .build();
  }

  /**
   * {@code weather_report}, the tool a test redefines at run time (a "rug pull": same name, new
   * description). Registered only through the test endpoints ({@link ChangingTool}).
   */
  static SyncToolSpecification weatherReport(String description, Runnable called) {
    Tool tool =
        Tool.builder()
            .name(ChangingTool.NAME)
            .title("Weather report")
            .description(description)
            .inputSchema(
                objectSchema(
                    Map.of("city", Map.of("type", "string", "description", "the city")),
                    List.of("city")))
            .annotations(
                ToolAnnotations.builder()
                    .readOnlyHint(true)
                    .destructiveHint(false)
                    .idempotentHint(true)
                    .openWorldHint(false)
                    .build())
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              called.run();
              return CallToolResult.builder()
                  .addTextContent("Weather in " + request.arguments().get("city") + ": 18 C, dry.")
                  .build();
            })
        .build();
  }

  private static void log(McpSyncServerExchange exchange, String message) {
    exchange.loggingNotification(
        LoggingMessageNotification.builder()
            .level(LoggingLevel.INFO)
            .logger("demo-agent")
            .data(message)
            .build());
  }

  static Map<String, Object> objectSchema(Map<String, Object> properties, List<String> required) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", required);
    schema.put("additionalProperties", false);
    return schema;
  }

  private static Map<String, Object> numberProperty(String description) {
    return Map.of("type", "number", "description", description);
  }

  private static double number(CallToolRequest request, String name) {
    Object value = request.arguments().get(name);
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException(name + " must be a number");
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
