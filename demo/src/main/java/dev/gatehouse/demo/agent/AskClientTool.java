package dev.gatehouse.demo.agent;

import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ListRootsResult;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.Root;
import io.modelcontextprotocol.spec.McpSchema.SamplingMessage;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The demo's {@code ask_client} MCP tool: asks the client in turn, as MCP lets a server do, so that
 * the gateway's handling of server requests can be seen. {@code {"ask":"sampling", "prompt":…}}
 * asks the client's model for a completion ({@code sampling/createMessage}), only if the client
 * declared sampling (the SDK server refuses to ask otherwise); {@code {"ask":"roots"}} asks for the
 * client's roots ({@code roots/list}) whatever the client declared (the SDK server checks nothing
 * for it) and waits {@link #ROOTS_WAIT} for them. The answer says what came back, or that nothing
 * was asked or answered.
 */
final class AskClientTool {

  /** How long the tool waits for the client's roots. */
  static final Duration ROOTS_WAIT = Duration.ofSeconds(2);

  private AskClientTool() {}

  static SyncToolSpecification specification() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(
        "ask",
        Map.of(
            "type",
            "string",
            "enum",
            List.of("sampling", "roots"),
            "description",
            "what to ask the client: a completion from its model, or its roots"));
    properties.put(
        "prompt", Map.of("type", "string", "description", "what to ask the client's model"));
    Tool tool =
        Tool.builder()
            .name("ask_client")
            .title("Ask the client")
            .description(
                "Asks the MCP client in turn: a completion from its model (sampling) or its"
                    + " roots.")
            .inputSchema(McpTools.objectSchema(properties, List.of("ask")))
            .annotations(
                ToolAnnotations.builder()
                    .readOnlyHint(true)
                    .destructiveHint(false)
                    .idempotentHint(false)
                    .openWorldHint(true)
                    .build())
            .build();
    return SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              Object ask = request.arguments().get("ask");
              String answer =
                  "roots".equals(ask)
                      ? roots(exchange)
                      : sample(exchange, String.valueOf(request.arguments().get("prompt")));
              return CallToolResult.builder().addTextContent(answer).build();
            })
        .build();
  }

  private static String sample(McpSyncServerExchange exchange, String prompt) {
    ClientCapabilities declared = exchange.getClientCapabilities();
    if (declared == null || declared.sampling() == null) {
      return "The client declared no sampling capability; nothing was asked.";
    }
    CreateMessageResult result =
        exchange.createMessage(
            CreateMessageRequest.builder()
                .messages(List.of(new SamplingMessage(Role.USER, new TextContent(prompt))))
                .maxTokens(64)
                .build());
    return "The client's model answered: "
        + (result.content() instanceof TextContent text ? text.text() : result.content());
  }

  private static String roots(McpSyncServerExchange exchange) {
    CompletableFuture<ListRootsResult> asked =
        CompletableFuture.supplyAsync(
            exchange::listRoots,
            task -> {
              // Its own thread: an unanswered request holds it until the server's request timeout.
              Thread thread = new Thread(task, "ask-client-roots");
              thread.setDaemon(true);
              thread.start();
            });
    try {
      List<Root> roots = asked.get(ROOTS_WAIT.toMillis(), TimeUnit.MILLISECONDS).roots();
      return "The client has "
          + roots.size()
          + " root(s): "
          + roots.stream().map(Root::uri).collect(Collectors.joining(", "));
    } catch (TimeoutException e) {
      return "The client did not answer roots/list within " + ROOTS_WAIT.toSeconds() + " s.";
    } catch (ExecutionException e) {
      return "The client refused roots/list: " + e.getCause().getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Interrupted while waiting for the client's roots.";
    }
  }
}
