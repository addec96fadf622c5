package dev.gatehouse.demo.agent;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Runs the agent's {@code com.sun.net.httpserver} handler on Jetty with the JDK server's
 * conventions, which the agent's handlers (and the integration tests reading what they echo) rely
 * on: header values exactly as received (a comma inside a value does not split it), the raw request
 * target, a response code of -1 until the status line is sent, and {@code sendResponseHeaders}'s
 * length argument ({@code -1} no body, {@code 0} streamed, otherwise the exact length; a streamed
 * answer's headers leave at once). Jetty's own bridge for that API departs from each of these.
 */
final class ExchangeBridge extends Handler.Abstract {

  private final HttpHandler handler;

  ExchangeBridge(HttpHandler handler) {
    this.handler = handler;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    URI target;
    try {
      target = new URI(request.getHttpURI().getPathQuery());
    } catch (URISyntaxException e) {
      // The JDK server refuses a request target that is no URI the same way.
      Response.writeError(request, response, callback, 400);
      return true;
    }
    Exchange exchange = new Exchange(request, response, target);
    try {
      handler.handle(exchange);
      exchange.close();
      callback.succeeded();
    } catch (Throwable e) {
      callback.failed(e);
    }
    return true;
  }

  /** One request as a JDK {@link HttpExchange}. */
  private static final class Exchange extends HttpExchange {

    private final Request request;
    private final Response response;
    private final URI target;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private InputStream in;
    private OutputStream out;
    private int responseCode = -1;
    private boolean closed;

    Exchange(Request request, Response response, URI target) {
      this.request = request;
      this.response = response;
      this.target = target;
      for (HttpField field : request.getHeaders()) {
        requestHeaders.add(field.getName(), field.getValue() == null ? "" : field.getValue());
      }
      this.in = Content.Source.asInputStream(request);
      this.out = Content.Sink.asOutputStream(response);
    }

    @Override
    public Headers getRequestHeaders() {
      return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      return target;
    }

    @Override
    public String getRequestMethod() {
      return request.getMethod();
    }

    @Override
    public HttpContext getHttpContext() {
      return null;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        in.close();
      } catch (IOException ignored) {
        // The request body is of no further use.
      }
      try {
        out.close();
      } catch (IOException clientGone) {
        // Nothing more can be sent to a client that has gone away.
      }
    }

    @Override
    public InputStream getRequestBody() {
      return in;
    }

    @Override
    public OutputStream getResponseBody() {
      return out;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
      if (responseCode != -1) {
        throw new IOException("headers already sent");
      }
      responseCode = code;
      response.setStatus(code);
      for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
        for (String value : header.getValue()) {
          response.getHeaders().add(header.getKey(), value);
        }
      }
      boolean bodiless =
          code < 200 || code == 204 || code == 304 || "HEAD".equals(request.getMethod());
      if (length > 0) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
      } else if (length < 0 && !bodiless) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
      } else if (length == 0) {
        // A streamed answer: the status line and headers leave now, as the JDK server sends them.
        out.flush();
      }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return inet(request.getConnectionMetaData().getRemoteSocketAddress());
    }

    @Override
    public int getResponseCode() {
      return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return inet(request.getConnectionMetaData().getLocalSocketAddress());
    }

    @Override
    public String getProtocol() {
      return request.getConnectionMetaData().getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
      return request.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      request.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
      if (i != null) {
        in = i;
      }
      if (o != null) {
        out = o;
      }
    }

    @Override
    public HttpPrincipal getPrincipal() {
      return null;
    }

    private static InetSocketAddress inet(SocketAddress address) {
      return address instanceof InetSocketAddress inet ? inet : null;
    }
  }
}
