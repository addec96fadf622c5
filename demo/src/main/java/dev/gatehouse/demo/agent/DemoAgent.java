package dev.gatehouse.demo.agent;

import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A demo AI-agent backend for Gatehouse. <strong>This is a demo, not production code</strong>: it
 * exists so the gateway has a realistic HTTPS upstream to protect in demos and integration tests,
 * using nothing but the JDK.
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
 *       apart, ending with {@code data: [DONE]}.
 *   <li>{@code GET /v1/tools}, {@code POST /v1/tools/{calculator|clock|echo}} with {@code {"input":
 *       "..."}}.
 *   <li>With {@code --test-endpoints} only: {@code /test/echo[/...]} (any method), {@code
 *       /test/slow?ms=N}, {@code /test/status/{code}}, {@code /test/sse?events=N&delayMs=M} (or
 *       {@code ?text=T&chunk=N}), {@code GET|DELETE /test/received} (the last 500 requests,
 *       Authorization reduced to matches-credential/mismatch/absent), {@code /test/large?bytes=N},
 *       {@code GET|POST /test/json?bytes=N} (a JSON answer of exactly N bytes, for {@code
 *       bench/run}).
 * </ul>
 */
public final class DemoAgent implements AutoCloseable {

  private static final int WORKER_THREADS = 32;
  private static final int USAGE_EXIT_CODE = 2;
  private static final int STARTUP_FAILURE_EXIT_CODE = 1;

  private final HttpsServer server;
  private final ExecutorService executor;
  private final String bind;

  private DemoAgent(HttpsServer server, ExecutorService executor, String bind) {
    this.server = server;
    this.executor = executor;
    this.bind = bind;
  }

  /** Starts an agent; the caller owns it and must {@link #close()} it. */
  static DemoAgent start(AgentConfig config) throws IOException, GeneralSecurityException {
    // Small SSE chunks must leave immediately rather than wait for Nagle's algorithm.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    char[] keystorePassword = readSecret(config.keystorePasswordFile()).toCharArray();
    SSLContext tls = AgentTls.serverContext(config.keystore(), keystorePassword);
    CredentialMatcher credential = new CredentialMatcher(readSecret(config.credentialFile()));

    Clock clock = Clock.systemUTC();
    ReceivedRequests received = new ReceivedRequests();
    AgentHandler handler =
        new AgentHandler(
            credential,
            received,
            new OpenAiEndpoints(config.streamDelayMillis(), clock),
            new ToolEndpoints(clock),
            config.testEndpoints() ? new TestEndpoints(received) : null,
            clock);

    HttpsServer server = HttpsServer.create(new InetSocketAddress(config.bind(), config.port()), 0);
    server.setHttpsConfigurator(AgentTls.configurator(tls));
    server.createContext("/", handler);
    ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS, workerThreads());
    server.setExecutor(executor);
    server.start();
    return new DemoAgent(server, executor, config.bind());
  }

  /** The actual listening port, useful after starting with port 0. */
  int port() {
    return server.getAddress().getPort();
  }

  /** The base URL, e.g. {@code https://127.0.0.1:9443}. */
  String baseUrl() {
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    return "https://" + host + ":" + port();
  }

  /** Stops accepting connections, gives running exchanges up to a second, then stops workers. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
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

  private static ThreadFactory workerThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> new Thread(task, "demo-agent-worker-" + count.incrementAndGet());
  }
}
