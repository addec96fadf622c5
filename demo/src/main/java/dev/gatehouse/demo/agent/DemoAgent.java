package dev.gatehouse.demo.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A demo AI-agent backend for Gatehouse. <strong>This is a demo, not production code</strong>: it
 * exists so the gateway has a realistic HTTPS upstream to protect in demos and integration tests,
 * on one HTTPS port served by embedded Jetty: the OpenAI-style and test endpoints are plain {@code
 * com.sun.net.httpserver} handlers (run by {@link ExchangeBridge} with the JDK server's
 * conventions), {@code /mcp} is the official MCP Java SDK's Streamable HTTP servlet.
 *
 * <h2>Running</h2>
 *
 * <pre>
 * java -cp demo/target/gatehouse-demo.jar dev.gatehouse.demo.agent.DemoAgent \
 *     --port 9443 --bind 127.0.0.1 --keystore server.p12 \
 *     --keystore-password-file pw.txt --credential-file credential.txt \
 *     [--test-endpoints] [--stream-delay-ms 40]
 * </pre>
 *
 * <p>{@code --port 0} picks a free port. On start it prints {@code DemoAgent listening on
 * https://<bind>:<port>}; SIGTERM stops it cleanly. Only TLS 1.3 and 1.2 are accepted.
 *
 * <h2>Endpoints</h2>
 *
 * <p>Every request needs {@code Authorization: Bearer <credential>} (the trimmed contents of the
 * credential file); otherwise 401 {@code invalid_credential}.
 *
 * <ul>
 *   <li>{@code GET /v1/models} - the single model {@code demo-react-1}.
 *   <li>{@code POST /v1/chat/completions} - a deterministic ReAct-style answer to the last user
 *       message; with {@code "stream": true}, server-sent chunks flushed {@code --stream-delay-ms}
 *       apart, ending with {@code data: [DONE]}. When the request offers tools and the message
 *       names one, the answer is a call of that tool ({@link ToolCallPlanner}), streamed as
 *       argument fragments of a few characters; tool results sent back are answered in text.
 *   <li>{@code GET /v1/tools}, {@code POST /v1/tools/{calculator|clock|echo}} with {@code {"input":
 *       "..."}}.
 *   <li>{@code /mcp} - an MCP server (Streamable HTTP with sessions: {@code POST} messages, {@code
 *       GET} server stream, {@code DELETE} ends the session) with the tools {@code calculator},
 *       {@code read_config} (answers with a planted OpenAI-style key, for the gateway's masker) and
 *       the destructive {@code delete_records}; see {@link McpTools}.
 *   <li>With {@code --test-endpoints} only: {@code /test/echo[/...]} (any method), {@code
 *       /test/slow?ms=N}, {@code /test/status/{code}}, {@code /test/sse?events=N&delayMs=M} (or
 *       {@code ?text=T&chunk=N}), {@code GET|DELETE /test/received} (the last 500 requests,
 *       Authorization reduced to an {@code authorizationCheck} of matches-credential, mismatch or
 *       absent), {@code /test/large?bytes=N}, {@code GET|POST /test/json?bytes=N} (a JSON answer of
 *       exactly N bytes, for {@code bench/run}), {@code GET|POST|DELETE /test/mcp-tool-description}
 *       (the MCP tool {@code weather_report}, described by {@code {"description": "..."}} at run
 *       time: {@link ChangingTool}).
 * </ul>
 */
public final class DemoAgent implements AutoCloseable {

  private static final int MAX_THREADS = 64;
  private static final int MIN_THREADS = 8;
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final long STOP_TIMEOUT_MILLIS = 1000;
  private static final int USAGE_EXIT_CODE = 2;
  private static final int STARTUP_FAILURE_EXIT_CODE = 1;

  private final Server server;
  private final ServerConnector connector;
  private final McpEndpoint mcp;
  private final String bind;

  private DemoAgent(Server server, ServerConnector connector, McpEndpoint mcp, String bind) {
    this.server = server;
    this.connector = connector;
    this.mcp = mcp;
    this.bind = bind;
  }

  /** Starts an agent; the caller owns it and must {@link #close()} it. */
  static DemoAgent start(AgentConfig config) throws IOException, GeneralSecurityException {
    char[] keystorePassword = readSecret(config.keystorePasswordFile()).toCharArray();
    SSLContext tls = AgentTls.serverContext(config.keystore(), keystorePassword);
    CredentialMatcher credential = new CredentialMatcher(readSecret(config.credentialFile()));

    Clock clock = Clock.systemUTC();
    ReceivedRequests received = new ReceivedRequests();
    McpEndpoint mcp = new McpEndpoint(credential, config.testEndpoints());
    AgentHandler handler =
        new AgentHandler(
            credential,
            received,
            new OpenAiEndpoints(config.streamDelayMillis(), clock),
            new ToolEndpoints(clock),
            config.testEndpoints() ? new TestEndpoints(received, new ChangingTool(mcp)) : null,
            clock);

    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
    threads.setName("demo-agent-worker");
    Server server = new Server(threads);
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
    ServerConnector connector = new ServerConnector(server, tlsThenHttp(tls));
    connector.setHost(config.bind());
    connector.setPort(config.port());
    server.addConnector(connector);

    // One port, two kinds of endpoint: /mcp is the MCP SDK's servlet, everything else the
    // com.sun.net.httpserver handler the agent always had, run with the JDK server's conventions.
    ContextHandler rest = new ContextHandler(new ExchangeBridge(handler), "/");
    server.setHandler(new ContextHandlerCollection(mcp.context(), rest));
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly(server, mcp);
      throw e;
    } catch (Exception e) {
      stopQuietly(server, mcp);
      throw new IOException("Jetty did not start: " + e, e);
    }
    return new DemoAgent(server, connector, mcp, config.bind());
  }

  /**
   * TLS, then HTTP/1.1 with lenient parsing: the agent is the gateway's test backend and must
   * receive whatever the gateway forwards (encoded slashes, odd paths, large headers) as the JDK
   * server used to, so tests see the gateway's behaviour rather than Jetty's.
   */
  private static ConnectionFactory[] tlsThenHttp(SSLContext tls) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setUriCompliance(UriCompliance.UNSAFE);
    http.setHttpCompliance(HttpCompliance.LEGACY);
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    http.setResponseHeaderSize(MAX_HEADER_BYTES);
    http.addCustomizer(new SecureRequestCustomizer(false));
    HttpConnectionFactory http11 = new HttpConnectionFactory(http);
    SslConnectionFactory ssl =
        new SslConnectionFactory(AgentTls.jettyFactory(tls), http11.getProtocol());
    return new ConnectionFactory[] {ssl, http11};
  }

  /** The actual listening port, useful after starting with port 0. */
  int port() {
    return connector.getLocalPort();
  }

  /** The base URL, e.g. {@code https://127.0.0.1:9443}. */
  String baseUrl() {
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    return "https://" + host + ":" + port();
  }

  /** Stops accepting connections, gives running exchanges up to a second, then stops workers. */
  @Override
  public void close() {
    stopQuietly(server, mcp);
  }

  private static void stopQuietly(Server server, McpEndpoint mcp) {
    try {
      mcp.close();
    } catch (RuntimeException e) {
      System.err.println("DemoAgent: closing the MCP server failed: " + e);
    }
    try {
      server.stop();
    } catch (TimeoutException gracePeriodOver) {
      // Exchanges or idle keep-alive connections outlived the grace period; Jetty closed them.
    } catch (Exception e) {
      System.err.println("DemoAgent: stopping failed: " + e);
    }
  }

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(AgentConfig.USAGE);
      return;
    }
    AgentConfig config;
    try {
      config = AgentConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("DemoAgent: " + e.getMessage());
      System.err.println(AgentConfig.USAGE);
      System.exit(USAGE_EXIT_CODE);
      return;
    }
    DemoAgent agent;
    try {
      agent = start(config);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      System.err.println("DemoAgent: could not start: " + e);
      System.exit(STARTUP_FAILURE_EXIT_CODE);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "demo-agent-shutdown"));
    System.out.println("DemoAgent listening on " + agent.baseUrl());
    System.out.flush();
  }

  private static String readSecret(Path file) throws IOException {
    String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (secret.isEmpty()) {
      throw new IOException(file + " is empty");
    }
    return secret;
  }
}
