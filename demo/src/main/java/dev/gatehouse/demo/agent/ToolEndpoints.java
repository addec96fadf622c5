package dev.gatehouse.demo.agent;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ReAct tool endpoints: {@code GET /v1/tools} lists the tools and {@code POST /v1/tools/{name}}
 * runs one. They model the agent's tool calls as separate HTTP requests, which is what lets the
 * gateway apply per-tool policies and approvals.
 */
final class ToolEndpoints {

  static final String PREFIX = "/v1/tools";

  private final Clock clock;

  ToolEndpoints(Clock clock) {
    this.clock = clock;
  }

  static boolean handles(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  void handle(AgentRequest request) throws IOException {
    if (request.path().equals(PREFIX)) {
      request.requireMethod("GET");
      Responses.json(request.exchange(), 200, toolList());
      return;
    }
    String name = request.path().substring(PREFIX.length() + 1);
    AgentTool tool =
        AgentTool.named(name).orElseThrow(() -> RequestRejected.notFound("Unknown tool: " + name));
    request.requireMethod("POST");
    String input = inputOf(request.jsonBody());
    String observation;
    try {
      observation = tool.observe(input, clock);
    } catch (IllegalArgumentException e) {
      throw RequestRejected.invalidRequest(tool.toolName() + ": " + e.getMessage());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tool", tool.toolName());
    result.put("input", input);
    result.put("observation", observation);
    Responses.json(request.exchange(), 200, result);
  }

  private static Map<String, Object> toolList() {
    List<Map<String, Object>> tools = new ArrayList<>();
    for (AgentTool tool : AgentTool.values()) {
      Map<String, Object> description = new LinkedHashMap<>();
      description.put("name", tool.toolName());
      description.put("description", tool.description());
      tools.add(description);
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("object", "list");
    list.put("data", tools);
    return list;
  }

  private static String inputOf(Object json) {
    if (!(json instanceof Map<?, ?> body)) {
      throw RequestRejected.invalidRequest("Request body must be a JSON object");
    }
    Object input = body.get("input");
    if (input == null) {
      return "";
    }
    if (!(input instanceof String text)) {
      throw RequestRejected.invalidRequest("'input' must be a string");
    }
    return text;
  }
}
