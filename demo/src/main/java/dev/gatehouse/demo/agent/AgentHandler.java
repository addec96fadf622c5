package dev.gatehouse.demo.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;

/**
 * The single entry point for every request: read the body, record the request, check the bearer
 * credential, then route. Recording happens before authentication so tests can also see what the
 * gateway sent when it got the credential wrong.
 */
final class AgentHandler implements HttpHandler {

  private final CredentialMatcher credential;
  private final ReceivedRequests received;
  private final OpenAiEndpoints openAi;
  private final ToolEndpoints tools;
  private final TestEndpoints testEndpoints;
  private final Clock clock;

  /**
   * @param testEndpoints the test endpoints, or {@code null} when they are disabled
   */
  AgentHandler(
      CredentialMatcher credential,
      ReceivedRequests received,
      OpenAiEndpoints openAi,
      ToolEndpoints tools,
      TestEndpoints testEndpoints,
      Clock clock) {
    this.credential = credential;
    this.received = received;
    this.openAi = openAi;
    this.tools = tools;
    this.testEndpoints = testEndpoints;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      AgentRequest request =
          new AgentRequest(exchange, body, credential.classify(exchange.getRequestHeaders()));
      received.record(ReceivedRequest.of(request, clock.instant()));
      authenticate(request);
      route(request);
    } catch (RequestRejected rejected) {
      reject(exchange, rejected);
    } catch (IOException clientGone) {
      // The client closed the connection; there is nobody left to answer.
    } catch (RuntimeException e) {
      System.err.println(
          "DemoAgent: error handling "
              + exchange.getRequestMethod()
              + " "
              + exchange.getRequestURI()
              + ": "
              + e);
      if (!Responses.headersSent(exchange)) {
        sendQuietly(exchange, 500, "internal_error", "The demo agent failed: " + e.getMessage());
      }
    } finally {
      exchange.close();
    }
  }

  private static void authenticate(AgentRequest request) {
    switch (request.authorization()) {
      case MATCHES_CREDENTIAL -> {}
      case ABSENT -> throw RequestRejected.invalidCredential("Missing bearer credential");
      case MISMATCH -> throw RequestRejected.invalidCredential("Bearer credential does not match");
    }
  }

  private void route(AgentRequest request) throws IOException {
    String path = request.path();
    if (ToolEndpoints.handles(path)) {
      tools.handle(request);
    } else if (path.startsWith("/v1/")) {
      openAi.handle(request);
    } else if (testEndpoints != null && TestEndpoints.handles(path)) {
      testEndpoints.handle(request);
    } else {
      throw RequestRejected.notFound("No such endpoint: " + path);
    }
  }

  private static void reject(HttpExchange exchange, RequestRejected rejected) {
    if (Responses.headersSent(exchange)) {
      return;
    }
    if (rejected.status() == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    }
    if (rejected.allowedMethods() != null) {
      exchange.getResponseHeaders().set("Allow", rejected.allowedMethods());
    }
    sendQuietly(exchange, rejected.status(), rejected.errorType(), rejected.getMessage());
  }

  private static void sendQuietly(HttpExchange exchange, int status, String type, String message) {
    try {
      Responses.error(exchange, status, type, message);
    } catch (IOException clientGone) {
      // Nothing more can be done for a client that has gone away.
    }
  }
}
