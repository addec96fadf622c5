package dev.gatehouse.console;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;

/**
 * Sends a strict Content-Security-Policy (scripts only from the console itself or carrying this
 * response's nonce, styles only from the console, no framing, forms only to the console) and the
 * usual companions on every console response.
 *
 * <p>The console's pages contain no script of their own and no inline event handlers. The one
 * inline script Faces writes, the {@code <f:websocket>} initialiser, cannot carry a nonce in
 * Mojarra 4.0, so pages are buffered and exactly that script ({@link PushInitScript}: its own id,
 * the console's push endpoint, nothing Mojarra would not write) gets the nonce. Any other inline
 * script (an injection that slipped past Faces' escaping, even one shaped like the initialiser)
 * stays without one and the browser refuses it.
 */
@WebFilter(
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    String nonce = Base64.getEncoder().encodeToString(bytes);
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self' 'nonce-"
            + nonce
            + "'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/jakarta.faces.resource/")
        || path.startsWith("/jakarta.faces.push/")
        || path.startsWith("/resources/")) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Cache-Control", "no-store");
    NonceWriter wrapper = new NonceWriter(response);
    chain.doFilter(request, wrapper);
    wrapper.finish(
        nonce, request.getContextPath(), request.getServerName(), request.getServerPort());
  }

  /** Buffers what the page writes through its writer, to add the nonce before sending it. */
  private static final class NonceWriter extends HttpServletResponseWrapper {

    private final CharArrayWriter buffer = new CharArrayWriter(16384);
    private PrintWriter writer;

    NonceWriter(HttpServletResponse response) {
      super(response);
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        writer = new PrintWriter(buffer);
      }
      return writer;
    }

    @Override
    public void resetBuffer() {
      buffer.reset();
      super.resetBuffer();
    }

    @Override
    public void reset() {
      buffer.reset();
      super.reset();
    }

    @Override
    public void flushBuffer() {
      // Held until finish: the page is sent once its scripts are known.
    }

    void finish(String nonce, String contextPath, String host, int port) throws IOException {
      if (writer == null) {
        return;
      }
      writer.flush();
      String body = buffer.toString();
      String type = getContentType();
      if (type != null && type.startsWith("text/html")) {
        Matcher m = PushInitScript.ELEMENT.matcher(body);
        body =
            m.replaceAll(
                r ->
                    Matcher.quoteReplacement(
                        PushInitScript.expected(r.group(1), r.group(2), contextPath, host, port)
                            ? "<script id=\""
                                + r.group(1)
                                + "\" nonce=\""
                                + nonce
                                + "\">"
                                + r.group(2)
                                + "</script>"
                            : r.group()));
      }
      PrintWriter out = getResponse().getWriter();
      out.write(body);
      out.flush();
    }
  }
}
