package dev.gatehouse.demo.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MCP tool {@value #NAME} whose description a test sets at run time, so that the gateway can be
 * shown a definition changing under the same name. Absent until first described; each change
 * replaces it on the MCP server (which tells its sessions the list changed). Counts its calls, so
 * that a test can see whether a call reached the server. Test endpoints only.
 */
final class ChangingTool {

  static final String NAME = "weather_report";

  private final McpEndpoint mcp;
  private final AtomicLong calls = new AtomicLong();
  private String description;

  ChangingTool(McpEndpoint mcp) {
    this.mcp = mcp;
  }

  /** Registers the tool with this description, or replaces its definition. */
  synchronized void describe(String description) {
    this.description = description;
    mcp.putTool(McpTools.weatherReport(description, calls::incrementAndGet));
  }

  /** Takes the tool off the server and forgets its calls. */
  synchronized void remove() {
    mcp.removeTool(NAME);
    description = null;
    calls.set(0);
  }

  /** {@code {tool, description, calls}}; the description is null while the tool is absent. */
  synchronized Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("tool", NAME);
    state.put("description", description);
    state.put("calls", calls.get());
    return state;
  }
}
