package dev.gatehouse.demo.agent;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The agent's MCP endpoint at {@value #PATH}: the official MCP Java SDK's server behind its
 * Streamable HTTP servlet transport (sessions on, {@code Mcp-Session-Id}), guarded by the same
 * bearer credential as every other endpoint of the agent.
 */
final class McpEndpoint implements AutoCloseable {

  static final String PATH = "/mcp";
  static final String SERVER_NAME = "gatehouse-demo-agent";
  static final String SERVER_VERSION = "1.0.0";

  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;
  private final ServletContextHandler context;

  /**
   * @param toolsMayChange whether tools are added, replaced or removed at run time (the test
   *     endpoints' {@link ChangingTool}): then the server says so ({@code tools.listChanged}) and
   *     tells its sessions each time
   */
  McpEndpoint(CredentialMatcher credential, boolean toolsMayChange) {
    transport = HttpServletStreamableServerTransportProvider.builder().mcpEndpoint(PATH).build();
    server =
        McpServer.sync(transport)
            .serverInfo(SERVER_NAME, SERVER_VERSION)
            .instructions(
                "Gatehouse demo agent: a calculator, a config reader, a destructive tool and"
                    + " one that asks the client in turn.")
            .capabilities(ServerCapabilities.builder().tools(toolsMayChange).logging().build())
            .tools(McpTools.all())
            .build();

    context = new ServletContextHandler(PATH);
    // "/mcp" itself (no trailing slash) is the endpoint; do not redirect it to "/mcp/".
    context.setAllowNullPathInContext(true);
    context.addFilter(
        new FilterHolder(new BearerFilter(credential)), "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder servlet = new ServletHolder("mcp", transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
  }

  /** Adds a tool, or replaces the one of the same name. */
  void putTool(SyncToolSpecification tool) {
    server.addTool(tool);
  }

  /** Removes a tool, if there is one by that name. */
  void removeTool(String name) {
    if (server.listTools().stream().anyMatch(tool -> tool.name().equals(name))) {
      server.removeTool(name);
    }
  }

  /** The Jetty context serving {@value #PATH}. */
  ServletContextHandler context() {
    return context;
  }

  @Override
  public void close() {
    server.close();
  }

  /** 401 {@code invalid_credential} unless the request carries the agent's bearer credential. */
  private static final class BearerFilter extends HttpFilter {

    private final transient CredentialMatcher credential;

    BearerFilter(CredentialMatcher credential) {
      this.credential = credential;
    }

    @Override
    protected void doFilter(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      List<String> authorization = Collections.list(request.getHeaders("Authorization"));
      String message =
          switch (credential.classify(authorization)) {
            case MATCHES_CREDENTIAL -> null;
            case ABSENT -> "Missing bearer credential";
            case MISMATCH -> "Bearer credential does not match";
          };
      if (message == null) {
        chain.doFilter(request, response);
        return;
      }
      byte[] body = AgentJson.write(Responses.errorBody("invalid_credential", message));
      response.setStatus(401);
      response.setHeader("WWW-Authenticate", "Bearer");
      response.setContentType(Responses.JSON);
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }
}
